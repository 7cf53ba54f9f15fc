import type zh from './zh-CN'

const en: typeof zh = {
  app: { name: 'IP Desk', lang: '中文' },
  nav: {
    dashboard: 'Home', ledger: 'Patent ledger', company: 'Company', trademarks: 'Trademarks', pledges: 'Pledges',
    awards: 'Awards', transfers: 'Transfers / licences', insurance: 'Insurance', products: 'Patent products', settings: 'Settings',
  },
  common: {
    save: 'Save', cancel: 'Cancel', ok: 'OK', delete: 'Delete', edit: 'Edit', add: 'Add', close: 'Back', search: 'Search',
    all: 'All', yes: 'Yes', no: 'No', loading: 'Loading…', confirmDelete: 'Delete this record?', deleted: 'Deleted',
    saved: 'Saved', notSet: 'Not set', unconfirmed: 'Unconfirmed', actions: 'Actions', yuan: 'yuan', none: 'None',
    error: 'Error', open: 'Open', yearN: 'Year {n}',
  },
  dashboard: {
    validInventions: 'Valid inventions', validUtility: 'Valid utility models', validDesigns: 'Valid designs',
    highValue: 'High-value inventions', trademarks: 'Trademarks', pending: 'Pending applications', overSeven: 'Inventions kept > 7 years',
    lapsed: 'Probably lapsed (past grace)', dueIn: 'Fees due within {days} days', countItems: '{n} items',
    inGrace: 'Patents in grace period', lateFeeToday: 'Late fee today', byFilingYear: 'By filing year and kind', feesByMonth: 'Fees over the next 12 months',
    payable: 'Payable', count: 'Count', graceEnd: 'Grace ends',
  },
  ledger: {
    search: 'Search title, numbers, applicants, inventors, tags', add: 'New patent', exportPdf: 'Export ledger PDF', exportAnnuities: 'Export fee plan PDF',
    total: '{n} patents', columns: 'Columns', highValueOnly: 'High value', dueWithin: 'Fee due within', days: 'days',
    jurisdiction: 'Jurisdiction', annuityMonths: 'Export the fee plan for how many months?', annuityTitle: 'Export fee plan',
    monthsInvalid: 'Enter a number of months between 1 and 120', exporting: 'Exporting…', exported: 'Exported to {path}. Open it?', exportedTitle: 'Export finished',
  },
  patent: {
    jurisdiction: 'Jurisdiction', kind: 'Kind', route: 'Route', appNo: 'Application no.', filingDate: 'Filing date', priorityDate: 'Priority date',
    publicationNo: 'Publication no.', publicationKind: 'Publication kind', grantNo: 'Patent no.', grantDate: 'Grant date', status: 'Legal status',
    title: 'Title', applicants: 'Applicants', inventors: 'Inventors', tags: 'Tags', ipc: 'IPC', agency: 'Agency', agent: 'Agent',
    seiCategory: 'Strategic emerging industry', feeReduction: 'Fee reduction', feeReductionFiled: 'Reduction filed on', grantFeeYear: 'Grant-year fee year',
    feesPaidThrough: 'Fees paid through (before)', examRequestDate: 'Exam request date', compensationDays: 'Term compensation (days)', overseasFamilyGrant: 'Granted abroad in family',
    notes: 'Notes', feesPaidTo: 'Fees paid to', nextFeeDue: 'Next fee due', highValue: 'High value',
    newTitle: 'New patent', editTitle: 'Edit patent', addTag: 'Type and press Enter', grantBeforeFiling: 'Grant date cannot precede filing date',
    priorityAfterFiling: 'Priority date cannot follow filing date', checking: 'Checking…', appNoOk: '{kind}, filed {year}',
  },
  enums: {
    kind: { invention: 'Invention', utility: 'Utility model', design: 'Design' },
    route: { domestic: 'Domestic', pct: 'PCT national phase', paris: 'Paris Convention' },
    status: {
      filed: 'Filed', published: 'Published', examination: 'Examination', granted: 'Granted', expired: 'Expired', lapsed: 'Lapsed (fees)',
      rejected: 'Rejected', withdrawn: 'Deemed withdrawn', abandoned: 'Abandoned', invalidated: 'Invalidated',
    },
    feeReduction: { none: 'None', p85: '85% off', p70: '70% off' },
    feeState: { paid: 'Paid', open: 'Open', inGrace: 'In grace', lapsed: 'Past grace', terminated: 'Terminated' },
    trademarkStatus: { pending: 'Pending', registered: 'Registered', expired: 'Expired', cancelled: 'Cancelled' },
    awardKind: { chinaPatent: 'China Patent Award', nationalScienceTech: 'National S&T Award', provincialPatent: 'Provincial patent award', other: 'Other' },
    transferKind: { assignIn: 'Assigned in', assignOut: 'Assigned out', licenseIn: 'Licensed in', licenseOut: 'Licensed out' },
  },
  detail: {
    fields: 'Bibliographic data', schedule: 'Annual fees', year: 'Year', dueDate: 'Due', deadline: 'Deadline (moved)', full: 'Full', payable: 'Payable',
    state: 'State', pay: 'Record payment', payments: 'Payments', paidDate: 'Paid on', amount: 'Amount', lateFee: 'Late fee', receiptNo: 'Receipt no.',
    deletePayment: 'Delete payment', family: 'Family', linkAppNo: 'Family application no.', link: 'Link', unlink: 'Unlink',
    highValue: 'High value', notHighValue: 'Not a high-value invention', yearsMaintained: 'Maintained {n} years', history: 'History',
    at: 'Time', user: 'User', action: 'Action', changes: 'Changes', feeStatus: 'Fee status', expiry: 'Expiry', paidThrough: 'Fees paid to',
    lateFeeN: 'Late fee {fee} ({pct}%), grace until {date}', deletePatent: 'Delete patent', confirmDeletePatent: 'Delete this patent and its payments?',
    payTitle: 'Record payment (year {n})',
  },
  company: {
    name: 'Company name', uscc: 'Unified social credit code', registrationDate: 'Registered on', address: 'Address', legalRepresentative: 'Legal representative',
    contactPerson: 'Contact', contactPhone: 'Phone', contactEmail: 'Email', headcount: 'Headcount', qualifications: 'Qualifications',
    ipDepartment: 'IP department', ipStaffCount: 'IP staff', usccOk: 'Valid',
  },
  settings: {
    threshold: 'Pledge high-value threshold', thresholdHint: 'Empty means not set', rules: 'Rules and sources', rule: 'Rule', source: 'Source', confirmed: 'Status',
    database: 'Database', dbPath: 'Current database', schema: 'Schema version', version: 'App version', open: 'Open database…', create: 'New database…',
    opened: 'Opened {path}',
  },
  records: {
    patents: 'Patents', patentsPlaceholder: 'Search by title or number', notes: 'Notes', newTitle: 'New', editTitle: 'Edit',
    trademark: { regNo: 'Reg./app. no.', mark: 'Mark', classes: 'Classes', regDate: 'Registered', expiryDate: 'Valid until', status: 'Status', wellKnown: 'Well-known', geographicalIndication: 'Geographical indication' },
    pledge: { pledgor: 'Pledgor', pledgee: 'Pledgee', loanAmount: 'Loan', startDate: 'Start', endDate: 'End', regNo: 'Registration no.', regDate: 'Registered', releaseDate: 'Released' },
    award: { kind: 'Award kind', name: 'Award', level: 'Level', year: 'Year' },
    transfer: { kind: 'Kind', counterparty: 'Counterparty', date: 'Date', amount: 'Amount', contractNo: 'Contract no.', recordNo: 'Record no.' },
    insurance: { kind: 'Policy kind', insurer: 'Insurer', policyNo: 'Policy no.', premium: 'Premium', cover: 'Cover', startDate: 'Start', endDate: 'End' },
    product: { name: 'Product', model: 'Model', industry: 'Industry', filingStatus: 'Filing status', revenues: 'Revenue', revenueYear: 'Year', revenue: 'Revenue', addRevenue: 'Add year' },
  },
}
export default en
