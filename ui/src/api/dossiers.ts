// 案卷四 项目申报: funding programs as data, checked against the ledger.
import { call } from './invoke'
import type { Program } from './bindings/Program'
import type { ProgramCheck } from './bindings/ProgramCheck'
import type { RadarRow } from './bindings/RadarRow'

export type { Program, ProgramCheck, RadarRow }

export const programsList = () => call<Program[]>('programs_list')
/** A program checked for `year` (this year when null) on the application date `on` (today when null), which picks the rule version. */
export const programCheck = (id: string, year: number | null = null, on: string | null = null) =>
  call<ProgramCheck>('program_check', { id, year, on })
/** Every program with its status today and the estimated subsidy. */
export const programRadar = (year: number | null = null) => call<RadarRow[]>('program_radar', { year })
/** Asks for a program file of one's own and keeps it (validated first); null when cancelled. */
export const programAddPick = () => call<Program | null>('program_add_pick')
export const programRemove = (id: string) => call<void>('program_remove', { id })
