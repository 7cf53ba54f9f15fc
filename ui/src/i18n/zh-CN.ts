export default {
  // The kernel: the app itself, its database and settings, the company profile.
  app: {
    name: '知产案卷台', lang: 'English',
    company: {
      name: '企业名称', uscc: '统一社会信用代码', registrationDate: '成立日期', address: '地址', legalRepresentative: '法定代表人', contactPerson: '联系人',
      contactPhone: '联系电话', contactEmail: '联系邮箱', headcount: '职工人数', qualifications: '资质', ipDepartment: '知识产权部门', ipStaffCount: '知识产权人员数',
      usccOk: '校验通过',
    },
    settings: {
      threshold: '质押融资高价值阈值', thresholdHint: '留空表示未设置', rules: '规则与来源', rule: '规则', source: '来源', confirmed: '状态', database: '数据库', dbPath: '当前数据库',
      schema: '结构版本', version: '程序版本', open: '打开数据库…', create: '新建数据库…', opened: '已打开 {path}',
    },
  },
  nav: {
    /** The sidebar groups: one per case file. */
    cases: {
      ledger: '案卷一 专利台账', plan: '案卷二 布局计划', leads: '案卷三 侵权线索', dossiers: '案卷四 项目申报',
    },
    dashboard: '首页', ledger: '专利台账', import: '导入', trademarks: '商标', pledges: '质押融资', awards: '获奖', transfers: '转让/许可', insurance: '保险',
    products: '专利产品', plan: '布局计划', leads: '侵权线索', dossiers: '项目申报', company: '企业信息', settings: '设置',
  },
  common: {
    save: '保存', cancel: '取消', ok: '确定', delete: '删除', edit: '编辑', add: '新增', close: '返回', all: '全部', yes: '是', no: '否', loading: '加载中…',
    confirmDelete: '确定删除这条记录吗？', deleted: '已删除', saved: '已保存', notSet: '未设置', unconfirmed: '未确认', actions: '操作', yuan: '元', none: '无', open: '打开',
    yearN: '第 {n} 年', exportXlsx: '导出 Excel', exportCsv: '导出 CSV', exported: '已导出到 {path}',
  },
  // 案卷一 专利台账
  ledger: {
    dashboard: {
      validInventions: '有效发明专利', validUtility: '有效实用新型', validDesigns: '有效外观设计',
      highValue: '高价值发明专利', trademarks: '商标', pending: '在审申请', overSeven: '维持7年以上发明',
      lapsed: '疑似失效（超宽限期未缴）', dueIn: '{days} 天内到期年费', countItems: '{n} 件',
      inGrace: '滞纳期内（宽限期）专利', inGraceSummary: '共 {n} 项，今日缴纳合计 {total} 元（含滞纳金）', inGraceFirst: '以下为宽限期最先届满的 {n} 项；全部明细见「年费缴纳计划」PDF。', lateFeeToday: '今日滞纳金', byFilingYear: '按申请年份与类型', feesByMonth: '未来 12 个月年费（按月）',
      payable: '应缴', count: '件数', graceEnd: '宽限期截止',
    },
    list: {
      search: '搜索名称、号码、申请人、发明人、标签', add: '新增专利', exportPdf: '导出台账 PDF', exportAnnuities: '导出年费计划 PDF', exportSheetHint: '按当前筛选和排序导出全部行，列与导入时相同',
      total: '共 {n} 件', columns: '显示列', highValueOnly: '高价值', dueWithin: 'N 天内缴费', days: '天',
      jurisdiction: '国家/地区', annuityMonths: '导出未来几个月的年费计划？', annuityTitle: '导出年费计划',
      monthsInvalid: '请输入 1–120 之间的月数', exporting: '正在导出…', exported: '已导出到 {path}，是否打开？', exportedTitle: '导出完成',
    },
    patent: {
      jurisdiction: '国家/地区', kind: '类型', route: '申请途径', appNo: '申请号', filingDate: '申请日', priorityDate: '优先权日',
      publicationNo: '公开/公告号', publicationKind: '文献种类', grantNo: '专利号/授权号', grantDate: '授权日', status: '法律状态',
      title: '专利名称', applicants: '申请人', inventors: '发明人', tags: '标签', ipc: 'IPC 分类号', agency: '代理机构', agent: '代理人',
      seiCategory: '战略性新兴产业类别', feeReduction: '费减', feeReductionFiled: '费减备案日', grantFeeYear: '授权当年年度',
      feesPaidThrough: '此前已缴至年度', examRequestDate: '实审请求日', compensationDays: '补偿天数', overseasFamilyGrant: '海外同族已授权',
      notes: '备注', feesPaidTo: '年费缴至', nextFeeDue: '下次缴费日', highValue: '高价值',
      newTitle: '新增专利', editTitle: '编辑专利', addTag: '输入后回车添加', grantBeforeFiling: '授权日不能早于申请日',
      priorityAfterFiling: '优先权日不能晚于申请日', checking: '正在校验…', appNoOk: '{kind}，{year} 年申请',
    },
    detail: {
      fields: '著录项目', schedule: '年费计划', year: '年度', dueDate: '应缴日', deadline: '顺延截止日', full: '标准金额', payable: '应缴金额', state: '状态', pay: '登记缴费',
      paidDate: '缴费日期', amount: '金额', lateFee: '滞纳金', receiptNo: '收据号', deletePayment: '删除缴费', family: '同族专利', linkAppNo: '同族申请号', link: '关联',
      unlink: '解除', highValue: '高价值认定', notHighValue: '不属于高价值发明专利', yearsMaintained: '已维持 {n} 年', history: '变更记录',
      importedFrom: '导入自「{file}」工作表「{sheet}」第 {row} 行（导入记录 #{batch}）', importedRow: '导入自表格第 {row} 行（导入记录 #{batch}）', at: '时间', user: '用户',
      action: '操作', changes: '变更', expiry: '期满日', paidThrough: '年费缴至', lateFeeN: '滞纳金 {fee}（{pct}%），宽限至 {date}', deletePatent: '删除专利',
      confirmDeletePatent: '删除该专利及其缴费记录？', payTitle: '登记缴费（第 {n} 年）',
      computed: '按年度和缴费日期自动计算',
    },
    enums: {
      kind: { invention: '发明', utility: '实用新型', design: '外观设计' },
      route: { domestic: '国内申请', pct: 'PCT 国家阶段', paris: '巴黎公约' },
      status: {
        // The same words the core prints in PDFs (LegalStatus::label).
        filed: '申请中', published: '公开', examination: '实质审查', granted: '授权/有效', expired: '届满', lapsed: '未缴年费终止',
        rejected: '驳回', withdrawn: '撤回', abandoned: '放弃', invalidated: '无效宣告',
      },
      feeReduction: { none: '无费减', p85: '费减 85%', p70: '费减 70%' },
      feeState: { paid: '已缴', open: '待缴', inGrace: '滞纳期', lapsed: '逾期未缴', terminated: '已终止' },
    },
  },
  // 案卷一 专利台账: the records around the ledger
  records: {
    patents: '关联专利', patentsPlaceholder: '输入名称或申请号搜索', notes: '备注', newTitle: '新增', editTitle: '编辑', importSheet: '从表格导入…',
    trademark: { regNo: '注册号/申请号', mark: '商标', classes: '类别', regDate: '注册日', expiryDate: '有效期至', status: '状态', wellKnown: '驰名商标', geographicalIndication: '地理标志' },
    pledge: { pledgor: '出质人', pledgee: '质权人', loanAmount: '融资金额', startDate: '开始日', endDate: '到期日', regNo: '质押登记号', regDate: '登记日', releaseDate: '解除日' },
    award: { kind: '奖项类别', name: '奖项名称', level: '等级', year: '获奖年度' },
    transfer: { kind: '类型', counterparty: '对方', date: '日期', amount: '金额', contractNo: '合同号', recordNo: '备案号' },
    insurance: { kind: '险种', insurer: '保险公司', policyNo: '保单号', premium: '保费', cover: '保额', startDate: '起保日', endDate: '终止日' },
    product: { name: '产品名称', model: '型号', industry: '所属行业', filingStatus: '备案状态', revenues: '销售收入', revenueYear: '年度', revenue: '收入', addRevenue: '添加年度' },
    enums: {
      trademarkStatus: { pending: '申请中', registered: '已注册', expired: '已过期', cancelled: '已注销' },
      awardKind: { chinaPatent: '中国专利奖', nationalScienceTech: '国家科学技术奖', provincialPatent: '省级专利奖', other: '其他' },
      transferKind: { assignIn: '受让', assignOut: '转让', licenseIn: '被许可', licenseOut: '许可他人' },
    },
  },
  // 案卷二 布局计划
  plan: {
    title: '高价值专利布局计划', add: '新建计划', intro: '围绕关键核心技术制定专利布局计划，每个布局项关联台账中已提交的申请；加权件数中国际发明专利布局 1 件算作 2 件。',
    exportPlan: '导出布局计划 PDF', exportApplications: '导出申请清单 PDF', exportApplicationsXlsx: '申请清单 Excel',
    empty: '尚无布局计划，点击「新建计划」开始', newTitle: '新建布局计划', editTitle: '编辑布局计划',
    name: '计划名称', technology: '关键核心技术', industryChain: '服务产业链', products: '服务产品', productsHint: '从「专利产品」中选择',
    startDate: '起始日期', endDate: '截止日期', period: '计划期间', target: '目标件数（加权）',
    targetHint: '国际发明专利布局（PCT、巴黎公约或中国以外的目标国家/地区）1 件算作 2 件，国内发明 1 件，实用新型与外观设计不计入。',
    analysisAgency: '分析机构', filingAgency: '申请代理机构', status: '状态', notes: '备注',
    weightedFiled: '已申请（加权）/ 目标', weightedFiledShort: '已申请（加权）/ 目标', counts: '计划 / 已申请 / 已授权',
    confirmDelete: '删除计划「{name}」及其全部布局项和关联？台账中的专利不受影响。',
    progress: '进度', weightedPlanned: '计划加权件数', planned: '布局项', filed: '已申请', granted: '已授权',
    targetMet: '已达到目标', targetNotMet: '距目标还差 {n} 件（加权）', overdue: '{n} 项已过计划申请日仍未提交',
    branches: '技术分支', branchName: '新分支名称', addBranch: '添加分支', noBranch: '（未分支）',
    items: '布局项', addItem: '新增布局项', itemNew: '新增布局项', itemEdit: '编辑布局项', noItems: '尚无布局项',
    confirmDeleteItem: '删除布局项「{topic}」及其关联？',
    item: {
      topic: '技术主题', branchId: '技术分支', kind: '类型', route: '申请途径', jurisdictions: '目标国家/地区',
      jurisdictionsHint: '可选常用代码，也可输入两位代码后回车', priorityItemId: '优先权基础', plannedDate: '计划申请日',
      inventors: '发明人', agency: '代理机构', status: '状态', expectedCategory: '预期高价值类别', expectedCategoryHint: '如：战略性新兴产业、海外同族',
      notes: '备注', links: '对应申请',
    },
    link: '关联申请', missingLink: '{appNo}（台账中已删除）', linkTitle: '关联台账中的申请', suggestions: '建议匹配（名称、发明人相近，且在计划起始日之后申请）',
    noSuggestions: '没有建议的匹配', results: '在台账中搜索', search: '搜索名称、申请号、发明人', pick: '关联', alreadyLinked: '已关联',
    linked: '已关联 {appNo}',
    coverage: '布局覆盖（技术分支 × 国家/地区）', coverageHint: '单元格为「已申请/计划」的布局项数。',
    attachments: '分析报告与附件', attach: '添加附件…', attachLabel: '附件名称', attached: '已添加附件', saveAttachment: '另存为…', attachmentSaved: '已保存（已核对 SHA-256）', confirmDeleteBranch: '删除技术分支「{name}」？其下的布局项保留，不再归入分支。',
    labels: { navigation: '专利导航分析报告', warning: '预警分析报告', search: '检索分析报告' },
    fileName: '文件', sha256: 'SHA-256', size: '大小', addedAt: '添加时间',
    dashboard: '布局计划进度（执行中）', ofPatent: '对应的布局计划项', planName: '布局计划',
    enums: {
      status: { draft: '草拟', active: '执行中', done: '已完成' },
      item: { idea: '构思', disclosure: '交底书', drafting: '撰写中', filed: '已提交', published: '公开', examination: '实审', granted: '授权', rejected: '驳回', abandoned: '放弃' },
    },
  },
  // 案卷三 侵权线索
  leads: {
    title: '侵权线索', building: '本案卷正在建设中', summary: '这里将登记和跟进发现的侵权线索：', f1: '线索登记：涉嫌侵权的产品、主体与涉及的专利、商标', f2: '证据保全：附件入库并做完整性校验（sha256）', f3: '整理材料，向市场监管部门报送',
  },
  // 案卷四 项目申报
  dossiers: {
    title: '项目申报', building: '本案卷正在建设中', summary: '这里将帮助准备各类项目申报：', f1: '对照专利台账检查申报条件', f2: '汇总申报材料：专利、产品、获奖与附件', f3: '申报材料一键打印',
  },
  // Moving data in and out: import, sheet exports of the whole ledger, backup and restore
  io: {
    import: {
      title: '导入台账', stepFile: '选择文件', stepMapping: '对应列', stepCheck: '检查结果', stepCommit: '导入', stepDone: '完成',
      fileHint: '专利台账或商标台账，支持 .xlsx、.xls、.csv（UTF-8 或 GBK）。先检查全部行，确认无误后才会写入。', pick: '选择文件…',
      kind: '表格内容：', kindPatent: '专利台账', kindTrademark: '商标台账', duplicatesTrademark: '注册号已存在时：', toTrademarks: '查看商标',
      fileInfo: '{path} · 工作表「{sheet}」· 第 {row} 行为表头 · {n} 行数据', column: '列', header: '表头', field: '导入为',
      notImported: '不导入', missing: '缺少必需的列：{fields}', repeated: '同一字段对应了多列：{fields}',
      duplicates: '申请号已存在时：', update: '更新已有专利', skip: '跳过（保留已有）', back: '重新选择文件', dryRun: '检查（不写入）',
      refused: '导入未执行，未写入任何数据：以下行有错误。', created: '新增', updated: '更新', unchanged: '无变化', skipped: '跳过', failed: '有错误',
      errors: '错误（{n} 处）', row: '行', value: '值', reason: '原因', fixAndRetry: '请在表格中修改后重新选择文件，或调整列的对应关系。',
      backToMapping: '返回对应列', pickAgain: '重新选择文件', commit: '确认导入（{n} 件）', committing: '正在导入…',
      doneTitle: '导入完成', doneCounts: '新增 {created} 件，更新 {updated} 件，无变化 {unchanged} 件，跳过 {skipped} 件',
      another: '继续导入', toLedger: '查看专利台账',
      log: '导入记录', logEmpty: '尚无导入记录', logAt: '时间', logKind: '类别', logFile: '文件', logSheet: '工作表', logRows: '数据行',
      logUser: '操作人', logHint: '每次确认导入记一行；由导入新增的专利，其变更记录注明来自哪个文件的第几行。',
    },
    dataTools: '导出、备份与恢复', exportHint: '导出整个专利台账，列与导入时相同，可再导入', backup: '备份数据库', backedUp: '已备份 {n} 件专利到 {path}', restore: '从备份恢复…',
    restoreConfirm: '将用所选备份替换当前数据库。当前数据库不会删除，会以「原文件名.before-restore-时间」保留在同一目录中。是否继续？', restoreTitle: '从备份恢复', restoreOk: '继续选择备份',
    restored: '已恢复（{n} 件专利），原数据库保留为 {previous}',
  },
}
