import type zh from './zh-CN'

const en: typeof zh = {
  // The kernel: the app itself, its database and settings, the company profile.
  app: {
    name: 'IP Desk', lang: '中文',
    company: {
      name: 'Company name', uscc: 'Unified social credit code', registrationDate: 'Registered on', address: 'Address',
      legalRepresentative: 'Legal representative', contactPerson: 'Contact', contactPhone: 'Phone', contactEmail: 'Email', headcount: 'Headcount',
      qualifications: 'Qualifications', ipDepartment: 'IP department', ipStaffCount: 'IP staff', usccOk: 'Valid',
    },
    settings: {
      threshold: 'Pledge high-value threshold', thresholdHint: 'Empty means not set', rules: 'Rules and sources', rule: 'Rule', source: 'Source',
      confirmed: 'Status', database: 'Database', dbPath: 'Current database', schema: 'Schema version', version: 'App version',
      open: 'Open database…', create: 'New database…', opened: 'Opened {path}',
    },
  },
  nav: {
    /** The sidebar groups: one per case file. */
    cases: {
      ledger: 'I · Patent ledger', plan: 'II · Patent plan', leads: 'III · Leads', dossiers: 'IV · Dossiers',
    },
    dashboard: 'Home', ledger: 'Patent ledger', import: 'Import', trademarks: 'Trademarks', pledges: 'Pledges', awards: 'Awards',
    transfers: 'Transfers / licences', insurance: 'Insurance', products: 'Patent products', plan: 'Layout plan', leads: 'Infringement leads',
    dossiers: 'Funding dossiers', company: 'Company', settings: 'Settings',
  },
  common: {
    save: 'Save', cancel: 'Cancel', ok: 'OK', delete: 'Delete', edit: 'Edit', add: 'Add', close: 'Back', all: 'All', yes: 'Yes', no: 'No',
    loading: 'Loading…', confirmDelete: 'Delete this record?', deleted: 'Deleted', saved: 'Saved', notSet: 'Not set', unconfirmed: 'Unconfirmed',
    actions: 'Actions', yuan: 'yuan', none: 'None', open: 'Open', yearN: 'Year {n}', exportXlsx: 'Export Excel', exportCsv: 'Export CSV',
    exported: 'Exported to {path}',
  },
  // 案卷一 专利台账
  ledger: {
    dashboard: {
      validInventions: 'Valid inventions', validUtility: 'Valid utility models', validDesigns: 'Valid designs',
      highValue: 'High-value inventions', trademarks: 'Trademarks', pending: 'Pending applications', overSeven: 'Inventions kept > 7 years',
      lapsed: 'Probably lapsed (past grace)', dueIn: 'Fees due within {days} days', countItems: '{n} items',
      inGrace: 'Patents in grace period', inGraceSummary: '{n} fees, {total} yuan if paid today (late fees included)', inGraceFirst: 'The {n} whose grace ends first; the annual-fee plan PDF lists them all.', lateFeeToday: 'Late fee today', byFilingYear: 'By filing year and kind', feesByMonth: 'Fees over the next 12 months',
      payable: 'Payable', count: 'Count', graceEnd: 'Grace ends',
    },
    list: {
      search: 'Search title, numbers, applicants, inventors, tags', add: 'New patent', exportPdf: 'Export ledger PDF', exportAnnuities: 'Export fee plan PDF', exportSheetHint: 'Every row of the current filter and sort, in the columns the import reads',
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
    detail: {
      fields: 'Bibliographic data', schedule: 'Annual fees', year: 'Year', dueDate: 'Due', deadline: 'Deadline (moved)', full: 'Full',
      payable: 'Payable', state: 'State', pay: 'Record payment', paidDate: 'Paid on', amount: 'Amount', lateFee: 'Late fee',
      receiptNo: 'Receipt no.', deletePayment: 'Delete payment', family: 'Family', linkAppNo: 'Family application no.', link: 'Link',
      unlink: 'Unlink', highValue: 'High value', notHighValue: 'Not a high-value invention', yearsMaintained: 'Maintained {n} years',
      history: 'History', importedFrom: 'Imported from "{file}", sheet "{sheet}", row {row} (import #{batch})',
      importedRow: 'Imported from row {row} of a spreadsheet (import #{batch})', at: 'Time', user: 'User', action: 'Action', changes: 'Changes',
      expiry: 'Expiry', paidThrough: 'Fees paid to', lateFeeN: 'Late fee {fee} ({pct}%), grace until {date}', deletePatent: 'Delete patent',
      confirmDeletePatent: 'Delete this patent and its payments?', payTitle: 'Record payment (year {n})',
      computed: 'Computed from year and date',
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
    },
  },
  // 案卷一 专利台账: the records around the ledger
  records: {
    patents: 'Patents', patentsPlaceholder: 'Search by title or number', notes: 'Notes', newTitle: 'New', editTitle: 'Edit', importSheet: 'Import from a sheet…',
    trademark: { regNo: 'Reg./app. no.', mark: 'Mark', classes: 'Classes', regDate: 'Registered', expiryDate: 'Valid until', status: 'Status', wellKnown: 'Well-known', geographicalIndication: 'Geographical indication' },
    pledge: { pledgor: 'Pledgor', pledgee: 'Pledgee', loanAmount: 'Loan', startDate: 'Start', endDate: 'End', regNo: 'Registration no.', regDate: 'Registered', releaseDate: 'Released' },
    award: { kind: 'Award kind', name: 'Award', level: 'Level', year: 'Year' },
    transfer: { kind: 'Kind', counterparty: 'Counterparty', date: 'Date', amount: 'Amount', contractNo: 'Contract no.', recordNo: 'Record no.' },
    insurance: { kind: 'Policy kind', insurer: 'Insurer', policyNo: 'Policy no.', premium: 'Premium', cover: 'Cover', startDate: 'Start', endDate: 'End' },
    product: { name: 'Product', model: 'Model', industry: 'Industry', filingStatus: 'Filing status', revenues: 'Revenue', revenueYear: 'Year', revenue: 'Revenue', addRevenue: 'Add year' },
    enums: {
      trademarkStatus: { pending: 'Pending', registered: 'Registered', expired: 'Expired', cancelled: 'Cancelled' },
      awardKind: { chinaPatent: 'China Patent Award', nationalScienceTech: 'National S&T Award', provincialPatent: 'Provincial patent award', other: 'Other' },
      transferKind: { assignIn: 'Assigned in', assignOut: 'Assigned out', licenseIn: 'Licensed in', licenseOut: 'Licensed out' },
    },
  },
  // II · Patent plan
  plan: {
    title: 'High-value patent layout plans', add: 'New plan', intro: 'Plan filings around a key core technology and link each planned filing to the applications in the ledger; in the weighted count an international invention counts 2.',
    exportPlan: 'Plan PDF', exportApplications: 'Application list PDF', exportApplicationsXlsx: 'Application list Excel',
    empty: 'No layout plans yet: click “New plan” to start', newTitle: 'New layout plan', editTitle: 'Edit layout plan',
    name: 'Plan name', technology: 'Key core technology', industryChain: 'Industry chain', products: 'Products', productsHint: 'Choose from the patent products',
    startDate: 'Start date', endDate: 'End date', period: 'Period', target: 'Target (weighted)',
    targetHint: 'An international invention (PCT, Paris route or any target outside CN) counts 2, a domestic invention 1; utility models and designs do not count.',
    analysisAgency: 'Analysis agency', filingAgency: 'Filing agency', status: 'Status', notes: 'Notes',
    weightedFiled: 'Filed (weighted) / target', weightedFiledShort: 'Filed (weighted) / target', counts: 'Planned / filed / granted',
    confirmDelete: 'Delete plan “{name}” with all its items and links? The ledger’s patents stay.',
    progress: 'Progress', weightedPlanned: 'Planned, weighted', planned: 'Items', filed: 'Filed', granted: 'Granted',
    targetMet: 'Target met', targetNotMet: '{n} (weighted) short of the target', overdue: '{n} items past their planned date and not filed',
    branches: 'Technology branches', branchName: 'New branch', addBranch: 'Add branch', noBranch: '(no branch)',
    items: 'Planned filings', addItem: 'Add filing', itemNew: 'New planned filing', itemEdit: 'Edit planned filing', noItems: 'No planned filings yet',
    confirmDeleteItem: 'Delete the planned filing “{topic}” and its links?',
    item: {
      topic: 'Technical topic', branchId: 'Branch', kind: 'Kind', route: 'Route', jurisdictions: 'Jurisdictions',
      jurisdictionsHint: 'Pick a common code or type a two-letter code and press Enter', priorityItemId: 'Priority from', plannedDate: 'Planned filing date',
      inventors: 'Inventors', agency: 'Agency', status: 'Status', expectedCategory: 'Expected high-value category', expectedCategoryHint: 'e.g. strategic emerging industry, overseas family',
      notes: 'Notes', links: 'Applications',
    },
    link: 'Link', missingLink: '{appNo} (deleted from the ledger)', linkTitle: 'Link an application from the ledger', suggestions: 'Suggested (similar title or inventors, filed after the plan starts)',
    noSuggestions: 'No suggestions', results: 'Search the ledger', search: 'Search title, number, inventor', pick: 'Link', alreadyLinked: 'Linked',
    linked: 'Linked {appNo}',
    coverage: 'Coverage (branch × jurisdiction)', coverageHint: 'Each cell reads filed/planned items.',
    attachments: 'Reports and attachments', attach: 'Attach…', attachLabel: 'Label', attached: 'Attached', saveAttachment: 'Save as…', attachmentSaved: 'Saved (SHA-256 checked)', confirmDeleteBranch: 'Delete branch “{name}”? Its items stay, without a branch.',
    labels: { navigation: 'Patent navigation report', warning: 'Early-warning report', search: 'Search report' },
    fileName: 'File', sha256: 'SHA-256', size: 'Size', addedAt: 'Added',
    dashboard: 'Layout plans in progress', ofPatent: 'Planned filings this patent fulfils', planName: 'Layout plan',
    enums: {
      status: { draft: 'Draft', active: 'Active', done: 'Done' },
      item: { idea: 'Idea', disclosure: 'Disclosure', drafting: 'Drafting', filed: 'Filed', published: 'Published', examination: 'Examination', granted: 'Granted', rejected: 'Rejected', abandoned: 'Abandoned' },
    },
  },
  // III · Leads
  leads: {
    title: 'Infringement leads', building: 'This case file is being built', summary: 'Here suspected infringements will be recorded and followed up:',
    f1: 'Record a lead: the product, the party and the patents or trademarks involved', f2: 'Preserve evidence: files stored with an integrity check (sha256)',
    f3: 'Put the file together and report it to the market regulator',
  },
  // IV · Dossiers
  dossiers: {
    title: 'Funding dossiers', building: 'This case file is being built', summary: 'Here applications for funding programmes will be prepared:',
    f1: 'Check a programme’s conditions against the ledger', f2: 'Gather the material: patents, products, awards and files', f3: 'Print the whole dossier in one go',
  },
  // Moving data in and out: import, sheet exports of the whole ledger, backup and restore
  io: {
    import: {
      title: 'Import a ledger', stepFile: 'File', stepMapping: 'Columns', stepCheck: 'Check', stepCommit: 'Import', stepDone: 'Done',
      fileHint: 'A patent or trademark ledger as .xlsx, .xls or .csv (UTF-8 or GBK). Every row is checked first; nothing is written until you confirm.', pick: 'Choose file…',
      kind: 'The sheet holds:', kindPatent: 'Patents', kindTrademark: 'Trademarks', duplicatesTrademark: 'When the registration number exists:', toTrademarks: 'Open trademarks',
      fileInfo: '{path} · sheet "{sheet}" · header on row {row} · {n} data rows', column: 'Column', header: 'Header', field: 'Import as',
      notImported: 'Not imported', missing: 'Required columns missing: {fields}', repeated: 'Field mapped to several columns: {fields}',
      duplicates: 'When the application number exists:', update: 'Update the existing patent', skip: 'Skip (keep existing)', back: 'Choose another file', dryRun: 'Check (writes nothing)',
      refused: 'Nothing was imported: the rows below have errors.', created: 'New', updated: 'Updated', unchanged: 'Unchanged', skipped: 'Skipped', failed: 'With errors',
      errors: 'Errors ({n})', row: 'Row', value: 'Value', reason: 'Reason', fixAndRetry: 'Fix the sheet and choose it again, or change the column mapping.',
      backToMapping: 'Back to columns', pickAgain: 'Choose another file', commit: 'Import ({n})', committing: 'Importing…',
      doneTitle: 'Import complete', doneCounts: '{created} new, {updated} updated, {unchanged} unchanged, {skipped} skipped',
      another: 'Import another', toLedger: 'Open the ledger',
      log: 'Import log', logEmpty: 'No imports yet', logAt: 'Time', logKind: 'Kind', logFile: 'File', logSheet: 'Sheet', logRows: 'Data rows',
      logUser: 'By', logHint: 'One line per confirmed import; a patent an import created names the file and row it came from in its history.',
    },
    dataTools: 'Export, backup and restore', exportHint: 'The whole ledger, in the columns the importer reads', backup: 'Back up database',
    backedUp: 'Backed up {n} patents to {path}', restore: 'Restore from backup…',
    restoreConfirm: 'The chosen backup replaces the current database. The current database is not deleted: it is kept beside it as "name.before-restore-time". Continue?',
    restoreTitle: 'Restore from backup', restoreOk: 'Choose backup', restored: 'Restored ({n} patents); the previous database is kept as {previous}',
  },
}
export default en
