import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'
const KEY = 'ipdesk.locale'

function initialLocale(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  try {
    localStorage.setItem(KEY, l)
  } catch {
    /* storage may be unavailable; the choice then lasts for this session */
  }
}
