// Dev-only stand-in for @tauri-apps/api/core: an in-memory backend with a
// 100,000-row ledger, so the screens can be looked at in a plain browser.
import { emit } from './tauri-event'

const TOTAL = 100_000
const kinds = ['invention', 'utility', 'design'] as const
function row(i: number) {
  const year = 2005 + (i % 20)
  const digits = `${year}${kinds[i % 3] === 'invention' ? 1 : kinds[i % 3] === 'utility' ? 2 : 3}${String(i).padStart(7, '0')}`
  return {
    id: i + 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', jurisdiction: 'CN', kind: kinds[i % 3],
    route: 'domestic', appNo: digits + 'X', displayAppNo: `${digits}.X`, filingDate: `${year}-03-11`, priorityDate: null,
    publicationNo: '', publicationKind: '', grantNo: '', grantDate: i % 4 ? `${year + 2}-08-20` : null,
    status: i % 4 ? 'granted' : 'examination', title: `一种电池管理系统及其控制方法 ${i + 1}`, applicants: ['衡阳某科技有限公司'],
    inventors: ['张三'], ipc: 'H01M 10/42', agency: '', agent: '', tags: [], seiCategory: '', feeReduction: 'p85',
    feeReductionFiled: null, grantFeeYear: null, feesPaidThrough: null, examRequestDate: null, compensationDays: 0,
    overseasFamilyGrant: false, notes: '', nextFeeDue: i % 4 ? '2026-03-11' : null, feesPaidTo: i % 4 ? 7 : null, highValue: i % 7 === 0,
  }
}
const company = { name: '衡阳某科技有限公司', uscc: '914403001922038216', registrationDate: '2010-05-01', address: '湖南省衡阳市', legalRepresentative: '李四', contactPerson: '王五', contactPhone: '0734-0000000', contactEmail: 'ip@example.com', headcount: 320, qualifications: ['高新技术企业'], ipDepartment: '知识产权部', ipStaffCount: 3 }
const trademarks = [{ id: 1, regNo: '12345678', mark: '衡科', classes: [9, 42], regDate: '2015-06-07', expiryDate: '2025-06-06', status: 'registered', wellKnown: false, geographicalIndication: false, notes: '' }]

const renewal = { trademarkId: 1, regNo: '12345678', mark: '衡科', classes: [9, 42], expiryComputed: false, dates: { expiry: '2026-03-01', windowOpens: '2025-03-02', graceEnd: '2026-09-01', state: 'inGrace', fee: 100000, lateFee: 25000, feeConfirmed: true } }

/** The first dry run reports a bad row, so the error table can be seen. */
let mockImportChecks = 0

const handlers: Record<string, (a: any) => unknown> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  app_info: () => ({ dbPath: '/home/user/.local/share/ipdesk/ipdesk.db', schemaVersion: 3, version: '0.1.0', today: '2026-05-20' }),
  dashboard: () => ({
    today: '2026-05-20', validInventions: 128, validUtilityModels: 342, validDesigns: 57, foreignValid: 4, pending: 36,
    highValueInventions: 41, overSevenYears: 19, trademarks: 12, lapsed: 2,
    due: [{ days: 30, count: 6, payable: 1215000 }, { days: 60, count: 14, payable: 2890050 }, { days: 90, count: 23, payable: 4410000 }],
    inGrace: [{ patentId: 3, appNo: '201910000042.8', title: '一种电池管理系统', kind: 'invention', year: 8, dueDate: '2026-03-11', deadline: '2026-03-11', full: 400000, payable: 60000, lateFee: 3000, inGrace: true }],
    byFilingYear: Array.from({ length: 10 }, (_, i) => ({ year: 2016 + i, invention: 5 + i, utility: 20 + (i * 7) % 13, design: 3 + (i % 4) })),
    feesByMonth: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(((i + 5) % 12) + 1).padStart(2, '0')}`, count: 3 + i, payable: (30000 + i * 12000) * 10, lateFee: 0 })),
    renewals: [renewal], dropped: 3, calendarMissing: [2027],
  }),
  holiday_calendar: ({ year }) => ({
    notices: year === 2026 ? [{ year: 2026, notice: '国务院办公厅关于2026年部分节假日安排的通知 国办发明电〔2025〕7号 (2025-11-04)', confirmed: false }] : [],
    days: year === 2026 ? [{ date: '2026-02-14', working: true, name: '春节', user: false }, { date: '2026-02-17', working: false, name: '春节', user: false }] : [],
    shippedYears: [2020, 2021, 2022, 2023, 2024, 2025, 2026],
  }),
  holiday_set: () => null,
  holiday_remove: () => null,
  trademark_renewals: () => [renewal],
  trademark_renew: ({ date, channel, amount }) => ({ id: 1, renewedOn: date, previousExpiry: '2026-03-01', newExpiry: '2036-03-01', channel, amount: amount ?? 100000, lateFee: 25000 }),
  trademark_renewal_history: () => [],
  fee_approvals: ({ months }) => ({
    today: '2026-05-20', months,
    rows: [{
      item: { patentId: 3, appNo: '201910000042.8', title: '一种电池管理系统', kind: 'invention', year: 8, dueDate: '2026-03-11', deadline: '2026-03-11', full: 400000, payable: 60000, lateFee: 3000, inGrace: true, decision: 'drop', restoration: null },
      decision: { patentYear: 8, decision: 'drop', reason: '技术已被替代', decidedBy: '王工', decidedOn: '2026-05-18' },
      hint: { highValue: ['有海外同族专利的发明专利'], planItems: 1, products: 2, pledges: 0, transfers: 0, ageYears: 7 },
    }],
  }),
  forecast: () => ({ from: '2026-05-20', to: '2027-05-20', items: [], months: [], totalPayable: 0, totalLateFee: 0, lapsed: [], calendarMissing: [2027], renewals: [renewal], renewalTotal: 125000 }),
  fee_decide: ({ input }) => ({ ...input, decidedOn: '2026-05-20' }),
  patents_list: ({ query }) => {
    const n = query.text ? 37 : TOTAL
    const end = query.limit ? Math.min(n, query.offset + query.limit) : n
    const items = []
    for (let i = query.offset; i < end; i++) items.push(row(i))
    return { total: n, items }
  },
  patent_get: ({ id }) => {
    const r = row(id - 1)
    return {
      patent: r, displayAppNo: r.displayAppNo,
      schedule: { paidThrough: 7, expiry: '2025-03-11', grantYear: 3, status: { status: 'allPaid' }, rows: [
        { year: 7, dueDate: '2025-03-11', deadline: '2025-03-11', full: 200000, payable: 30000, reduced: true, state: { state: 'paid', date: '2025-02-01', amount: 30000 } },
        { year: 8, dueDate: '2026-03-11', deadline: '2026-03-13', full: 400000, payable: 60000, reduced: true, state: { state: 'inGrace', lateFee: 3000, latePercent: 5, graceEnd: '2026-09-11' } },
        { year: 9, dueDate: '2027-03-11', deadline: '2027-03-11', full: 400000, payable: 60000, reduced: true, state: { state: 'open' } },
      ] },
      payments: [{ id: 1, patentId: id, patentYear: 7, paidDate: '2025-02-01', amount: 30000, lateFee: 0, receiptNo: 'R-001' }],
      family: [], highValue: { patentId: id, appNo: r.appNo, title: r.title, filingDate: r.filingDate, yearsMaintained: 7, overSevenYears: false, reasons: [{ code: '5', label: '获得国家科学技术奖或中国专利奖', detail: '第二十四届中国专利奖 优秀奖', confirmed: false }] },
      history: [{ id: 1, at: '2026-05-01 10:00:00', osUser: 'ip', entity: 'patent', entityId: id, action: 'update', changes: { title: ['旧名称', r.title] } }],
    }
  },
  check_app_no: ({ number }) => {
    if (String(number).replace(/\D/g, '').length < 12) throw { code: 'invalidInput', message: `申请号「${number}」无效：位数不对`, field: 'appNo' }
    return { digits: number, format: 'modern', kind: 'invention', pct: false, filingYear: 2019 }
  },
  check_uscc: ({ code }) => {
    if (String(code).length !== 18) throw { code: 'invalidInput', message: `统一社会信用代码「${code}」无效：应为 18 位`, field: 'uscc' }
    return code
  },
  patent_add: ({ data }) => {
    if (data.filingDate === null) throw { code: 'invalidInput', message: '申请日不能为空', field: 'filingDate' }
    return { ...row(0), ...data, id: 1 }
  },
  patent_update: ({ id, data }) => ({ ...row(id - 1), ...data, id }),
  company_get: () => company,
  company_set: ({ company: c }) => Object.assign(company, c),
  trademark_list: () => trademarks,
  pledge_list: () => [], award_list: () => [], transfer_list: () => [], insurance_list: () => [], product_list: () => [],
  trademark_save: ({ id, data }) => ({ id: id ?? 2, ...data }),
  settings_get: () => ({ pledgeThreshold: 100000000 }),
  settings_set: () => null,
  rules: () => [
    { rule: '发明专利年费标准', source: '国家知识产权局公告第 xxx 号', confirmed: true },
    { rule: '高价值专利第 5 类：获得国家科学技术奖或中国专利奖', source: '（待核实）', confirmed: false },
  ],
  payment_record: ({ input }) => ({ id: 9, patentId: 1, patentYear: input.patentYear, paidDate: input.paidDate, amount: input.amount ?? 0, lateFee: input.lateFee ?? 0, receiptNo: input.receiptNo }),
  import_pick: () => ({
    path: '/home/user/专利台账-旧.xlsx', sheet: 'Sheet1', headerRow: 2, headers: ['序号', '专利号', '专利名称', '申请日', '类型', '备注'], rowCount: 3,
    mapping: [null, 'appNo', 'title', 'filingDate', 'kind', 'notes'],
    fields: [['appNo', '申请号', true], ['title', '专利名称', true], ['kind', '专利类型', false], ['filingDate', '申请日', true], ['notes', '备注', false]]
      .map(([code, header, required]) => ({ code, header, required })),
  }),
  import_run: async ({ dryRun }) => {
    for (let d = 0; d <= 3 && !dryRun; d++) {
      emit('import-progress', { done: d, total: 3 })
      await new Promise((r) => setTimeout(r, 200))
    }
    const bad = dryRun && mockImportChecks++ === 0
    return {
      sheet: 'Sheet1', headerRow: 2, mapping: {}, dryRun, committed: !dryRun, created: bad ? 1 : 2, updated: 1, unchanged: 0, skipped: 0, failed: bad ? 1 : 0, rows: [],
      errors: bad ? [{ row: 5, column: '申请日', cell: 'D5', value: '2019-13-01', message: '申请日「2019-13-01」无效：不是有效日期' }] : [],
    }
  },
  export_table: ({ format }) => ({ path: `/home/user/专利台账-2026-05-20.${format}` }),
  backup_now: () => ({ path: '/home/user/ipdesk-备份-2026-05-20.db', bytes: 1048576, patents: 527 }),
  restore_from: () => ({
    info: { dbPath: '/home/user/.local/share/ipdesk/ipdesk.db', schemaVersion: 3, version: '0.1.0', today: '2026-05-20' },
    report: { target: '/home/user/.local/share/ipdesk/ipdesk.db', previous: '/home/user/.local/share/ipdesk/ipdesk.db.before-restore-20260520-101500', schemaVersion: 3, patents: 527 },
  }),
  export_ledger_pdf: async () => {
    for (let d = 0; d <= 10; d++) {
      emit('export-progress', { job: 'ledger', done: d, total: 10, stage: `第 ${d} / 10 页` })
      await new Promise((r) => setTimeout(r, 80))
    }
    return { path: '/home/user/专利台账.pdf' }
  },
}

export async function invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const h = handlers[cmd]
  if (!h) throw { code: 'internal', message: `mock: no handler for ${cmd}`, field: null }
  return (await h(args ?? {})) as T
}
