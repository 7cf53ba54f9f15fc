import { call } from './invoke'
import type { RuleSource } from './bindings/RuleSource'

export interface AppInfo {
  dbPath: string
  schemaVersion: number
  version: string
  today: string
}

export interface Settings {
  /** 质押融资高价值阈值, in fen; null when not set. */
  pledgeThreshold: number | null
}

export const appInfo = () => call<AppInfo>('app_info')
export const dbOpen = () => call<AppInfo | null>('db_open')
export const dbNew = () => call<AppInfo | null>('db_new')
export const settingsGet = () => call<Settings>('settings_get')
export const settingsSet = (s: Settings) => call<void>('settings_set', { pledgeThreshold: s.pledgeThreshold })
export const rules = () => call<RuleSource[]>('rules')
export const openPath = (path: string) => call<void>('open_path', { path })
