// The kernel: app info, database, settings, rules and the company profile.
import { call } from './invoke'
import type { Company } from './bindings/Company'
import type { RuleSource } from './bindings/RuleSource'
import type { AppInfo } from './bindings/AppInfo'
import type { Settings } from './bindings/Settings'

// Shell DTOs are generated from the Rust types (src-tauri, ts-rs).
export type { AppInfo, Settings }

export const appInfo = () => call<AppInfo>('app_info')
export const dbOpen = () => call<AppInfo | null>('db_open')
export const dbNew = () => call<AppInfo | null>('db_new')
export const settingsGet = () => call<Settings>('settings_get')
export const settingsSet = (s: Settings) => call<void>('settings_set', { pledgeThreshold: s.pledgeThreshold })
export const rules = () => call<RuleSource[]>('rules')
export const openPath = (path: string) => call<void>('open_path', { path })

export const companyGet = () => call<Company>('company_get')
export const companySet = (company: Company) => call<Company>('company_set', { company })
/** Resolves to the normalised code; rejects with invalidInput and the reason. */
export const checkUscc = (code: string) => call<string>('check_uscc', { code })
