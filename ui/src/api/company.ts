import { call } from './invoke'
import type { Company } from './bindings/Company'

export const companyGet = () => call<Company>('company_get')
export const companySet = (company: Company) => call<Company>('company_set', { company })
/** Resolves to the normalised code; rejects with invalidInput and the reason. */
export const checkUscc = (code: string) => call<string>('check_uscc', { code })
