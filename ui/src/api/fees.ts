import { call } from './invoke'
import type { AnnuityPayment } from './bindings/AnnuityPayment'
import type { PaymentInput } from './bindings/PaymentInput'
import type { Forecast } from './bindings/Forecast'

export const paymentRecord = (patentId: number, input: PaymentInput) =>
  call<AnnuityPayment>('payment_record', { patentId, input })
export const paymentDelete = (id: number) => call<void>('payment_delete', { id })
export const forecast = (months: number) => call<Forecast>('forecast', { months })
