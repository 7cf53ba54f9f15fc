// The kernel: app info, database, settings, rules and the company profile.
import { call } from './invoke'
import type { Company } from './bindings/Company'
import type { RuleSource } from './bindings/RuleSource'
import type { AppInfo } from './bindings/AppInfo'
import type { RecentDb } from './bindings/RecentDb'
import type { Settings } from './bindings/Settings'
import type { HolidayCalendar } from './bindings/HolidayCalendar'
import type { HolidayDay } from './bindings/HolidayDay'
import type { HolidayNotice } from './bindings/HolidayNotice'
import type { ExportResult } from './bindings/ExportResult'

// Shell DTOs are generated from the Rust types (src-tauri, ts-rs).
export type { AppInfo, HolidayCalendar, HolidayDay, HolidayNotice, RecentDb, Settings }

export const appInfo = () => call<AppInfo>('app_info')
/** The native 文件 menu follows the window's language. */
export const menuLanguage = (language: 'zh-CN' | 'en') => call<null>('menu_language', { language })
export const dbOpen = () => call<AppInfo | null>('db_open')
export const dbNew = () => call<AppInfo | null>('db_new')
/** The databases opened lately, newest first. */
export const dbRecent = () => call<RecentDb[]>('db_recent')
/** Opens one listed by `dbRecent` (only those). */
export const dbOpenRecent = (path: string) => call<AppInfo>('db_open_recent', { path })
export const settingsGet = () => call<Settings>('settings_get')
export const settingsSet = (s: Settings) => call<void>('settings_set', { pledgeThreshold: s.pledgeThreshold })
export const rules = () => call<RuleSource[]>('rules')
export const openPath = (path: string) => call<void>('open_path', { path })

/** The State Council holiday arrangement of `year` (every year when null), shipped days and own ones. */
export const holidayCalendar = (year: number | null) => call<HolidayCalendar>('holiday_calendar', { year })
/** A year's calendar as the 节假日安排表 PDF; null when cancelled. */
export const exportHolidaysPdf = (year: number | null) => call<ExportResult | null>('export_holidays_pdf', { year })
/** The home page on paper: the 知识产权工作概况 PDF across the four case files; null when cancelled. */
export const exportOverviewPdf = () => call<ExportResult | null>('export_overview_pdf')
/** Adds or changes an own day: off (`working` false) or a make-up working day; overrides a shipped one. */
export const holidaySet = (date: string, working: boolean, name: string) => call<void>('holiday_set', { date, working, name })
/** Removes an own day; the core refuses a shipped one. */
export const holidayRemove = (date: string) => call<void>('holiday_remove', { date })

export const companyGet = () => call<Company>('company_get')
export const companySet = (company: Company) => call<Company>('company_set', { company })
/** Resolves to the normalised code; rejects with invalidInput and the reason. */
export const checkUscc = (code: string) => call<string>('check_uscc', { code })
