// 案卷四 项目申报: funding programs as data, checked against the ledger.
import { call } from './invoke'
import type { AttachedFile } from './bindings/AttachedFile'
import type { Dossier } from './bindings/Dossier'
import type { DossierPage } from './bindings/DossierPage'
import type { DossierStatus } from './bindings/DossierStatus'
import type { ExportResult } from './bindings/ExportResult'
import type { Program } from './bindings/Program'
import type { ProgramCheck } from './bindings/ProgramCheck'
import type { RadarRow } from './bindings/RadarRow'

export type { Program, ProgramCheck, RadarRow, Dossier, DossierPage, DossierStatus }

export const programsList = () => call<Program[]>('programs_list')
/** A program checked for `year` (this year when null) on the application date `on` (today when null), which picks the rule version. */
export const programCheck = (id: string, year: number | null = null, on: string | null = null) =>
  call<ProgramCheck>('program_check', { id, year, on })
/** The program checked as on its page, printed as the 申报条件自评表; null when cancelled. */
export const exportSelfCheckPdf = (id: string, year: number | null = null, on: string | null = null) =>
  call<ExportResult | null>('export_self_check_pdf', { id, year, on })
/** Every program with its status today and the estimated subsidy. */
export const programRadar = (year: number | null = null) => call<RadarRow[]>('program_radar', { year })
/** The radar for `year` as the 项目申报雷达 PDF; null when cancelled. */
export const exportRadarPdf = (year: number) => call<ExportResult | null>('export_radar_pdf', { year })
/** Asks for a program file of one's own and keeps it (validated first); null when cancelled. */
export const programAddPick = () => call<Program | null>('program_add_pick')
export const programRemove = (id: string) => call<void>('program_remove', { id })

// 申报材料: the dossier for one program and year.


export const dossierList = () => call<Dossier[]>('dossier_list')
export const dossierNew = (program: string, year: number) => call<Dossier>('dossier_new', { program, year })
/** The dossier with its sections, files, gaps, live check, history and the packet's page count. */
export const dossierGet = (id: number) => call<DossierPage>('dossier_get', { id })
export const dossierSectionSave = (id: number, name: string, body: string) => call<void>('dossier_section_save', { id, name, body })
/** Asks for PDFs or pictures and adds them last; null when cancelled. */
export const dossierAttachPick = (id: number) => call<AttachedFile[] | null>('dossier_attach_pick', { id })
/** Adds files the OS dropped on the window. */
export const dossierAttachDropped = (id: number, paths: string[]) => call<AttachedFile[]>('dossier_attach_dropped', { id, paths })
export const dossierFileRemove = (id: number, file: number) => call<void>('dossier_file_remove', { id, file })
/** The attachments in this order, each with its label: [file id, label]. */
export const dossierFilesArrange = (id: number, files: [number, string][]) => call<void>('dossier_files_arrange', { id, files })
/** Submits on `date`: renders the packet and freezes it. */
export const dossierSubmit = (id: number, date: string) => call<Dossier>('dossier_submit', { id, date })
export const dossierStatus = (id: number, to: DossierStatus, date: string | null, amount: number | null, reason: string) =>
  call<Dossier>('dossier_status', { id, to, date, amount, reason })
export const dossierCopy = (id: number, year: number) => call<Dossier>('dossier_copy', { id, year })
export const dossierDelete = (id: number) => call<void>('dossier_delete', { id })
/** The packet PDF to a file the user picks (a submitted dossier's frozen bytes); null when cancelled. */
export const exportDossierPdf = (id: number) => call<ExportResult | null>('export_dossier_pdf', { id })
