/**
 * The one catalogue of error codes (ADR 0006). Domain and use-case code raise `AppError` with a code
 * and parameters; src/http/errors.ts maps the code to an HTTP status, and every message is rendered
 * from here in zh-CN and en. Placeholders are `{name}`.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { kind: 'invalid', 'zh-CN': '字段“{field}”不正确：{reason}', en: 'Field "{field}" is invalid: {reason}' },
  UNKNOWN_FIELD: { kind: 'invalid', 'zh-CN': '不认识的字段“{field}”', en: 'Unknown field "{field}"' },
  MALFORMED_JSON: { kind: 'invalid', 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { kind: 'too_large', 'zh-CN': '请求体过大（上限 {limit} 字节）', en: 'The request body is too large (limit {limit} bytes)' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'unsupported', 'zh-CN': '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; use application/json' },
  CROSS_SITE_REQUEST: { kind: 'forbidden', 'zh-CN': '拒绝跨站请求', en: 'Cross-site request refused' },
  NOT_FOUND: { kind: 'not_found', 'zh-CN': '未找到该记录或页面', en: 'Not found' },
  AUTH_REQUIRED: { kind: 'unauthenticated', 'zh-CN': '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { kind: 'unauthenticated', 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_RATE_LIMITED: { kind: 'rate_limited', 'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; try again in {minutes} minutes' },
  AUTH_WRONG_CURRENT_PASSWORD: { kind: 'invalid', 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_TOO_WEAK: { kind: 'invalid', 'zh-CN': '新密码至少 {min} 位，且须同时包含字母和数字', en: 'The new password needs at least {min} characters with both letters and digits' },
  PASSWORD_REUSED: { kind: 'invalid', 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  FORBIDDEN: { kind: 'forbidden', 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  USERNAME_TAKEN: { kind: 'conflict', 'zh-CN': '用户名“{username}”已被使用', en: 'Username "{username}" is already taken' },
  USER_SCOPE_INVALID: { kind: 'invalid', 'zh-CN': '角色“{role}”需要{scope}', en: 'Role "{role}" needs {scope}' },
  CANNOT_DISABLE_SELF: { kind: 'conflict', 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  OCCUPATION_CODE_TAKEN: { kind: 'conflict', 'zh-CN': '职业编码“{code}”已存在', en: 'Occupation code "{code}" already exists' },
  NOT_READY: { kind: 'unavailable', 'zh-CN': '系统正在启动（{phase}）', en: 'The system is starting ({phase})' },
  IMPORT_UNSUPPORTED_FORMAT: { kind: 'unsupported', 'zh-CN': '不支持的文件格式“{name}”，请上传 .xlsx 或 .csv 文件', en: 'Unsupported file "{name}"; upload an .xlsx or .csv file' },
  IMPORT_BAD_FILE: { kind: 'invalid', 'zh-CN': '文件无法读取：{reason}', en: 'The file cannot be read: {reason}' },
  IMPORT_EMPTY_FILE: { kind: 'invalid', 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_MISSING_COLUMNS: { kind: 'invalid', 'zh-CN': '缺少必需的列：{columns}（请使用下载的模板）', en: 'Required columns are missing: {columns} (use the downloadable template)' },
  // Real-name registry (src/domain/registry): workers, ID and phone numbers, person categories.
  WORKER_INPUT_INVALID: { kind: 'invalid', 'zh-CN': '劳动者信息格式不正确，应为一个对象', en: 'The worker data must be an object' },
  WORKER_NAME_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写姓名', en: 'The name is required' },
  WORKER_NAME_INVALID: { kind: 'invalid', 'zh-CN': '姓名须为 {min}–{max} 个汉字或拉丁字母，少数民族姓名可用“·”分隔', en: 'The name must be {min}–{max} Chinese characters or Latin letters; minority names may use "·" between parts' },
  ID_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写公民身份号码', en: 'The ID number is required' },
  ID_FORMAT: { kind: 'invalid', 'zh-CN': '公民身份号码格式不正确：应为 18 位（末位可为 X）或 15 位旧号码', en: 'The ID number is malformed: it must have 18 characters (the last may be X) or be a 15-digit legacy number' },
  ID_BIRTH_DATE_INVALID: { kind: 'invalid', 'zh-CN': '公民身份号码中的出生日期 {date} 不是有效日期', en: 'The birth date {date} in the ID number is not a real date' },
  ID_BIRTH_DATE_FUTURE: { kind: 'invalid', 'zh-CN': '公民身份号码中的出生日期 {date} 晚于今天', en: 'The birth date {date} in the ID number is after today' },
  ID_CHECK_CHAR: { kind: 'invalid', 'zh-CN': '公民身份号码校验码错误，请逐位核对号码', en: "The ID number's check character is wrong; check the number digit by digit" },
  ID_EXCEL_SCIENTIFIC: { kind: 'invalid', 'zh-CN': '公民身份号码“{value}”被 Excel 存成了科学计数法数字，后几位已丢失：请把该列设置为“文本”格式，重新录入号码后再导入', en: 'The ID number "{value}" was stored by Excel as a number in scientific notation and its last digits are lost: format the column as Text, re-enter the numbers and import again' },
  ID_ADDRESS_CODE_UNKNOWN: { kind: 'invalid', 'zh-CN': '公民身份号码的地址码 {code} 不属于任何省级行政区，请核对号码', en: 'The address code {code} of the ID number belongs to no province; please check the number' },
  ID_LEGACY_CONVERTED: { kind: 'invalid', 'zh-CN': '15 位旧公民身份号码已转换为 18 位', en: 'The 15-digit legacy ID number was converted to 18 digits' },
  PHONE_INVALID: { kind: 'invalid', 'zh-CN': '手机号码不正确：应为 11 位大陆手机号（以 13–19 开头）', en: 'The mobile number is invalid: it must be an 11-digit mainland mobile number starting 13–19' },
  PHONE_EXCEL_SCIENTIFIC: { kind: 'invalid', 'zh-CN': '手机号码“{value}”被 Excel 存成了科学计数法数字：请把该列设置为“文本”格式，重新录入后再导入', en: 'The mobile number "{value}" was stored by Excel as a number in scientific notation: format the column as Text, re-enter the numbers and import again' },
  WORKER_UNIT_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写县区（县、市、区或运城开发区）', en: 'The county (reporting unit) is required' },
  WORKER_UNIT_UNKNOWN: { kind: 'invalid', 'zh-CN': '县区“{value}”不是运城市的县（市、区），也不是运城开发区', en: '"{value}" is neither a county, district or city of Yuncheng nor the Yuncheng development zone' },
  WORKER_TOWNSHIP_UNKNOWN: { kind: 'invalid', 'zh-CN': '乡镇（街道）“{value}”不存在', en: 'Township "{value}" does not exist' },
  WORKER_TOWNSHIP_OUTSIDE_UNIT: { kind: 'invalid', 'zh-CN': '乡镇（街道）{township} 不属于{unit}', en: 'Township {township} is not part of {unit}' },
  WORKER_TOWNSHIP_IS_ZONE: { kind: 'invalid', 'zh-CN': '乡镇（街道）{township} 是运城经济技术开发区：县区请填运城经济技术开发区（{zone}）', en: 'Township {township} is the Yuncheng development zone: set the county to the zone ({zone})' },
  WORKER_EDUCATION_INVALID: { kind: 'invalid', 'zh-CN': '文化程度“{value}”不正确，应为：小学及以下、初中、高中、中专/技校、大专、本科、研究生', en: 'Education "{value}" is invalid; use one of: primary or below, junior, senior, vocational, college, bachelor, postgraduate' },
  WORKER_DISABILITY_INVALID: { kind: 'invalid', 'zh-CN': '是否残疾“{value}”不正确，请填“是”或“否”', en: 'Disability "{value}" is invalid; use 是 (yes) or 否 (no)' },
  WORKER_GENDER_INVALID: { kind: 'invalid', 'zh-CN': '性别“{value}”不正确，请填“男”或“女”', en: 'Gender "{value}" is invalid; use 男 (male) or 女 (female)' },
  WORKER_GENDER_MISMATCH: { kind: 'invalid', 'zh-CN': '性别与公民身份号码不一致（号码第 17 位为奇数是男、偶数是女）', en: 'The gender does not match the ID number (an odd 17th digit means male, an even one female)' },
  WORKER_BIRTH_DATE_INVALID: { kind: 'invalid', 'zh-CN': '出生日期“{value}”不正确，应为有效日期，如 1985-06-15', en: 'Birth date "{value}" is invalid; use a real date such as 1985-06-15' },
  WORKER_BIRTH_DATE_MISMATCH: { kind: 'invalid', 'zh-CN': '出生日期 {value} 与公民身份号码中的 {expected} 不一致', en: 'Birth date {value} does not match {expected} in the ID number' },
  WORKER_CATEGORIES_INVALID: { kind: 'invalid', 'zh-CN': '人员类别格式不正确', en: 'The person categories are malformed' },
  CATEGORY_UNKNOWN: { kind: 'invalid', 'zh-CN': '人员类别“{value}”不在人员类别目录中', en: 'Person category "{value}" is not in the catalogue' },
  CATEGORY_DATE_INVALID: { kind: 'invalid', 'zh-CN': '人员类别的有效期日期“{value}”不正确，应为有效日期，如 2020-01-01', en: 'Person category date "{value}" is invalid; use a real date such as 2020-01-01' },
  CATEGORY_PERIOD_REVERSED: { kind: 'invalid', 'zh-CN': '人员类别“{category}”的有效期截止日 {validTo} 早于起始日 {validFrom}', en: 'Person category "{category}" ends on {validTo}, before it starts on {validFrom}' },
  CATEGORY_PERIOD_OVERLAP: { kind: 'invalid', 'zh-CN': '人员类别“{category}”自 {validFrom} 起的有效期与同一类别的另一段有效期重叠', en: 'Person category "{category}" from {validFrom} overlaps another period of the same category' },
  CATEGORY_EMPLOYER_REQUIRED: { kind: 'invalid', 'zh-CN': '人员类别“企业职工”须关联用人单位', en: 'Person category "enterprise employee" needs the employer' },
  // Real-name registry: training institutions and enterprises (§1, §6, §12, §13, §17).
  ORG_INPUT_INVALID: { kind: 'invalid', 'zh-CN': '单位信息格式不正确，应为一个对象', en: 'The organisation data must be an object' },
  ORG_NAME_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写单位名称', en: 'The organisation name is required' },
  ORG_NAME_INVALID: { kind: 'invalid', 'zh-CN': '单位名称须为 {min}–{max} 个字符', en: 'The organisation name must have {min}–{max} characters' },
  ORG_KIND_INVALID: { kind: 'invalid', 'zh-CN': '机构类型“{value}”不正确', en: 'Institution kind "{value}" is invalid' },
  ORG_UNIT_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写所属县区', en: 'The county (reporting unit) is required' },
  ORG_UNIT_UNKNOWN: { kind: 'invalid', 'zh-CN': '所属县区“{value}”不是运城市的县（市、区），也不是运城开发区', en: '"{value}" is neither a county, district or city of Yuncheng nor the Yuncheng development zone' },
  CREDIT_CODE_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写统一社会信用代码', en: 'The unified social credit code is required' },
  CREDIT_CODE_FORMAT: { kind: 'invalid', 'zh-CN': '统一社会信用代码格式不正确：应为 18 位数字或大写字母（不含 I、O、S、V、Z）', en: 'The unified social credit code is malformed: it must be 18 digits or capital letters (no I, O, S, V, Z)' },
  CREDIT_CODE_ORG_CODE_CHECK: { kind: 'invalid', 'zh-CN': '统一社会信用代码第 9–17 位（组织机构代码）的校验位错误', en: 'The organisation code (characters 9–17) inside the unified social credit code has a wrong check character' },
  CREDIT_CODE_CHECK_CHAR: { kind: 'invalid', 'zh-CN': '统一社会信用代码第 18 位校验码错误', en: 'The check character (character 18) of the unified social credit code is wrong' },
  ORG_CAPACITY_INVALID: { kind: 'invalid', 'zh-CN': '培训能力（人数）须为不小于 0 的整数', en: 'The training capacity must be a whole number, not below 0' },
  ORG_CONTACTS_REQUIRED: { kind: 'invalid', 'zh-CN': '请至少填写一位联系人', en: 'At least one contact person is required' },
  ORG_CONTACT_NAME_INVALID: { kind: 'invalid', 'zh-CN': '联系人姓名须为 {min}–{max} 个汉字或拉丁字母', en: 'The contact name must be {min}–{max} Chinese characters or Latin letters' },
  ORG_CONTACT_PHONE_INVALID: { kind: 'invalid', 'zh-CN': '联系电话不正确：应为 11 位手机号或带区号的固定电话，如 0359-1234567', en: 'The contact phone is invalid: use an 11-digit mobile number or a landline with its area code, such as 0359-1234567' },
  ORG_OCCUPATION_CODE_INVALID: { kind: 'invalid', 'zh-CN': '职业（工种）编码“{value}”格式不正确，应如 6-31-01-03', en: 'Occupation code "{value}" is malformed; it should look like 6-31-01-03' },
  ORG_OCCUPATION_LEVELS_REQUIRED: { kind: 'invalid', 'zh-CN': '许可的职业（工种）{occupationCode} 须至少包含一个技能等级', en: 'Licensed occupation {occupationCode} needs at least one skill level' },
  ORG_OCCUPATION_LEVEL_INVALID: { kind: 'invalid', 'zh-CN': '技能等级“{value}”不正确，应为 special（专项职业能力）或 5、4、3、2、1', en: 'Skill level "{value}" is invalid; use special (special vocational ability) or 5, 4, 3, 2, 1' },
  ORG_OCCUPATION_DUPLICATE: { kind: 'invalid', 'zh-CN': '许可的职业（工种）{occupationCode} 重复填写', en: 'Licensed occupation {occupationCode} is listed twice' },
  ENTERPRISE_INDUSTRY_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写企业所属行业', en: "The enterprise's industry is required" },
  ENTERPRISE_EMPLOYEES_INVALID: { kind: 'invalid', 'zh-CN': '职工人数须为不小于 0 的整数', en: 'The number of employees must be a whole number, not below 0' },
  ORG_STATUS_TRANSITION_INVALID: { kind: 'conflict', 'zh-CN': '单位状态不能从“{from}”改为“{to}”', en: 'The organisation status cannot change from "{from}" to "{to}"' },
  ORG_STATUS_FORBIDDEN: { kind: 'forbidden', 'zh-CN': '角色“{role}”无权把单位状态从“{from}”改为“{to}”', en: 'Role "{role}" may not change the organisation status from "{from}" to "{to}"' },
  ORG_STATUS_OUT_OF_SCOPE: { kind: 'forbidden', 'zh-CN': '县级人社部门只能暂停或恢复本县区的培训机构', en: 'A county office may only suspend or reactivate training institutions of its own county' },
  ORG_STATUS_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写状态变更的原因', en: 'The reason for the status change is required' },
  ORG_STATUS_DECISION_REF_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写决定文号', en: 'The decision reference is required' },
  ORG_STATUS_EFFECTIVE_DATE_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写生效日期', en: 'The effective date is required' },
  ORG_STATUS_EFFECTIVE_DATE_INVALID: { kind: 'invalid', 'zh-CN': '生效日期“{value}”不正确，应为有效日期，如 2020-05-01', en: 'Effective date "{value}" is invalid; use a real date such as 2020-05-01' },
  ORG_SUSPENDED: { kind: 'forbidden', 'zh-CN': '“{name}”自 {date} 起被暂停承担政府补贴性培训（原因：{reason}），不能开班或申领补贴', en: '"{name}" has been suspended from subsidised training since {date} (reason: {reason}); it cannot open classes or claim subsidies' },
  ORG_BLACKLISTED: { kind: 'forbidden', 'zh-CN': '“{name}”自 {date} 起被列入黑名单，禁止再承担政府补贴性培训（原因：{reason}），不能开班或申领补贴', en: '"{name}" has been blacklisted since {date} and is barred from subsidised training (reason: {reason}); it cannot open classes or claim subsidies' },
  ORG_NOT_LICENSED: { kind: 'forbidden', 'zh-CN': '“{name}”未获许可开展职业（工种）{occupationCode}（{level}）的培训', en: '"{name}" is not licensed to train occupation {occupationCode} at level {level}' },
  ENTERPRISE_AMOUNT_INVALID: { kind: 'invalid', 'zh-CN': '金额须为不小于 0 的整数（单位：分）', en: 'Amounts must be whole numbers of fen, not below 0' },
  ENTERPRISE_FRONT_LINE_EXCEEDS_FUND: { kind: 'invalid', 'zh-CN': '用于一线职工培训的经费不能超过职工教育经费总额', en: 'The front-line share cannot exceed the whole education fund' },
  ENTERPRISE_EDUCATION_FUND_OVER_LIMIT: { kind: 'invalid', 'zh-CN': '职工教育经费占工资薪金总额的 {percent}%，超过 {limit}% 的税前扣除限额', en: 'The education fund is {percent}% of payroll, above the {limit}% deductible limit' },
  ENTERPRISE_FRONT_LINE_UNDER_MIN: { kind: 'invalid', 'zh-CN': '用于一线职工培训的经费只占职工教育经费的 {percent}%，低于 {min}%', en: 'Front-line training gets only {percent}% of the education fund, below {min}%' },
  WORKER_OUT_OF_SCOPE: { kind: 'not_found', 'zh-CN': '县区代码不在本单位（{unit}）管辖范围内', en: 'The unit is outside your jurisdiction ({unit})' },
  WORKER_DUPLICATE_IN_FILE: { kind: 'conflict', 'zh-CN': '与第 {row} 行的公民身份号码重复', en: 'Same ID number as row {row}' },
  WORKER_CONFLICTS_STORED: { kind: 'conflict', 'zh-CN': '该公民身份号码已登记，但姓名与登记信息不一致，请核实', en: 'This ID number is registered under another name; please check' },
  WORKER_ALREADY_REGISTERED: { kind: 'conflict', 'zh-CN': '该公民身份号码已登记（一人一档，不可重复登记）', en: 'This ID number is already registered (one person, one record)' },
  PROBLEMS: { kind: 'invalid', 'zh-CN': '共有 {count} 处填写有误：{first}', en: '{count} problem(s): {first}' },
  REVEAL_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '查看完整号码须填写事由（至少 {min} 个字）', en: 'Give a reason to see the full number (at least {min} characters)' },
  IMPORT_BATCH_REPORT_MISSING: { kind: 'not_found', 'zh-CN': '此批次没有未通过的行，无错误报告', en: 'This batch rejected no rows; there is no report' },
  ORG_ALREADY_REGISTERED: { kind: 'conflict', 'zh-CN': '该统一社会信用代码已登记', en: 'This unified social credit code is already registered' },
  ORG_CREDIT_CODE_FIXED: { kind: 'invalid', 'zh-CN': '统一社会信用代码登记后不可修改', en: 'The unified social credit code cannot be changed after registration' },
  CATEGORY_WORKER_NOT_REGISTERED: { kind: 'not_found', 'zh-CN': '该人员尚未实名登记，请先导入劳动者花名册', en: 'This person is not registered yet; import the worker roster first' },
  CATEGORY_PERIOD_OVERLAP_STORED: { kind: 'conflict', 'zh-CN': '与已登记的同类别有效期重叠，请核对起止日期', en: 'Overlaps a registered period of the same category; check the dates' },
  ORG_DUPLICATE_IN_FILE: { kind: 'conflict', 'zh-CN': '与第 {row} 行的统一社会信用代码重复', en: 'Same unified social credit code as row {row}' },
  ORG_CONFLICTS_STORED: { kind: 'conflict', 'zh-CN': '该统一社会信用代码已登记为其他名称或类别的单位，请核实', en: 'This credit code is registered under another name or kind; please check' },
  CATALOG_TRANSITION_INVALID: { kind: 'conflict', 'zh-CN': '目录当前状态（{from}）不能执行“{action}”', en: 'A catalog in status {from} cannot be {action}ed' },
  CATALOG_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '退回目录须说明理由', en: 'Returning a catalog needs a reason' },
  CATALOG_NOT_EDITABLE: { kind: 'conflict', 'zh-CN': '目录已提交或已发布（{status}），不能修改；请另建新版本', en: 'The catalog is {status} and cannot change; create a new version' },
  CATALOG_PROJECT_INVALID: { kind: 'invalid', 'zh-CN': '培训项目字段“{field}”不正确：{reason}', en: 'Project field "{field}" is invalid: {reason}' },
  CATALOG_SUBSIDY_OVER_CAP: { kind: 'invalid', 'zh-CN': '重点群体培训补贴标准每人不超过 {capYuan} 元（§14）', en: 'Key-group training is subsidised at most {capYuan} CNY a person (§14)' },
  CATALOG_DUPLICATE_PROJECT: { kind: 'conflict', 'zh-CN': '目录中已有相同职业、等级和培训类型的项目', en: 'The catalog already has a project with this occupation, level and training type' },
  CATALOG_INSTITUTION_NOT_ELIGIBLE: { kind: 'invalid', 'zh-CN': '机构“{name}”不能列入目录：{reason}', en: 'Institution "{name}" cannot be listed: {reason}' },
  INTERNAL: { kind: 'internal', 'zh-CN': '系统内部错误，请联系管理员（请求号 {requestId}）', en: 'Internal error; contact the administrator (request {requestId})' },
  // Training: class lifecycle, filing, enrolment, attendance (src/domain/training; §3, §5–§7, §9, §10, §12–§15, §17).
  CLASS_TRANSITION_INVALID: { kind: 'conflict', 'zh-CN': '培训班状态不能从“{from}”改为“{to}”', en: 'A class cannot go from "{from}" to "{to}"' },
  CLASS_ACTION_NOT_AVAILABLE: { kind: 'conflict', 'zh-CN': '培训班处于“{from}”状态，不能执行“{action}”', en: 'A class in status "{from}" does not allow "{action}"' },
  CLASS_ACTION_FORBIDDEN: { kind: 'forbidden', 'zh-CN': '角色“{role}”无权对培训班执行“{action}”', en: 'Role "{role}" may not "{action}" a class' },
  CLASS_NOT_OWNER: { kind: 'forbidden', 'zh-CN': '只有开班单位本身可以对该培训班执行此操作', en: 'Only the organisation that runs the class may do this' },
  CLASS_OUT_OF_SCOPE: { kind: 'forbidden', 'zh-CN': '该培训班不在本单位管辖范围内', en: 'The class is outside your jurisdiction' },
  CLASS_NOT_EVALUATOR: { kind: 'forbidden', 'zh-CN': '只有承担该班考核评价的机构可以录入考核结果', en: "Only the class's assigned evaluation body may record its assessment" },
  CLASS_FILED_TOO_LATE: { kind: 'invalid', 'zh-CN': '须在开班前至少 {days} 天备案：开班日期 {startDate}，最迟应于 {latest} 备案（今天是 {today}）', en: 'A class must be filed at least {days} days before it starts: it starts on {startDate}, so the latest filing day was {latest} (today is {today})' },
  CLASS_APPROVAL_AFTER_START: { kind: 'conflict', 'zh-CN': '开班日期 {startDate} 已过，不能再审核通过；请退回，由开班单位调整日期后重新备案', en: 'The start date {startDate} has passed, so the class can no longer be approved; return it so the dates can be changed and the class refiled' },
  CLASS_NOT_STARTED: { kind: 'conflict', 'zh-CN': '开班日期为 {startDate}，尚未到开班时间', en: 'The class starts on {startDate}; it cannot start before then' },
  CLASS_ATTENDANCE_INCOMPLETE: { kind: 'conflict', 'zh-CN': '考勤尚未完成（仍有课次未结束，或补签待县区人社部门确认），不能结业', en: 'Attendance is not complete (sessions still to run, or manual marks awaiting the county office); the class cannot be completed' },
  CLASS_RETURN_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '退回备案须填写退回原因', en: 'Give the reasons for returning the filing' },
  CLASS_CANCEL_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '撤销已备案的培训班须填写原因', en: 'Give the reason for cancelling a filed class' },
  CLASS_FILING_INPUT_INVALID: { kind: 'invalid', 'zh-CN': '开班备案信息格式不正确，应为一个对象', en: 'The class filing must be an object' },
  CLASS_PROJECT_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写培训项目（职业、等级、培训类型、标准学时）', en: 'The training project is required (occupation, level, training type, standard hours)' },
  CLASS_TRAINING_TYPE_INVALID: { kind: 'invalid', 'zh-CN': '培训类型“{value}”不正确', en: 'Training type "{value}" is invalid' },
  CLASS_STANDARD_HOURS_INVALID: { kind: 'invalid', 'zh-CN': '标准学时须为大于 0 的整数', en: 'The standard hours must be a whole number above 0' },
  CLASS_PROJECT_OUTSIDE_CATALOG: { kind: 'invalid', 'zh-CN': '该培训项目不在年度培训项目目录内，须经当地人社部门审核后方可开班', en: "The project is not in the year's training-project catalog; the local HR office must review it before the class runs" },
  CLASS_VENUE_ADDRESS_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写培训场地地址', en: 'The venue address is required' },
  CLASS_VENUE_COORDINATES_INVALID: { kind: 'invalid', 'zh-CN': '培训场地坐标不正确：纬度须在 -90 至 90 之间，经度须在 -180 至 180 之间', en: 'The venue coordinates are invalid: latitude must be within -90 to 90 and longitude within -180 to 180' },
  CLASS_VENUE_OUTSIDE_CITY: { kind: 'invalid', 'zh-CN': '培训场地坐标（纬度 {lat}，经度 {lng}）不在运城市范围内，请核对', en: 'The venue coordinates (latitude {lat}, longitude {lng}) are outside Yuncheng; please check them' },
  CLASS_DATE_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写开班和结业日期', en: 'The start and end dates are required' },
  CLASS_DATE_INVALID: { kind: 'invalid', 'zh-CN': '日期“{value}”不正确，应为有效日期，如 2020-06-15', en: 'Date "{value}" is invalid; use a real date such as 2020-06-15' },
  CLASS_DATES_REVERSED: { kind: 'invalid', 'zh-CN': '结业日期 {endDate} 早于开班日期 {startDate}', en: 'The end date {endDate} is before the start date {startDate}' },
  CLASS_SESSIONS_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写课程表（至少一个课次）', en: 'The timetable needs at least one session' },
  CLASS_SESSION_TIME_INVALID: { kind: 'invalid', 'zh-CN': '课次时间“{value}”不正确，应为带时区的时间，如 2020-06-15T08:30+08:00', en: 'Session time "{value}" is invalid; use a time with its offset such as 2020-06-15T08:30+08:00' },
  CLASS_SESSION_REVERSED: { kind: 'invalid', 'zh-CN': '课次的结束时间 {end} 不晚于开始时间 {start}', en: 'The session ending {end} does not end after it starts ({start})' },
  CLASS_SESSION_TOO_SHORT: { kind: 'invalid', 'zh-CN': '{start} 开始的课次只有 {minutes} 分钟，每个课次至少 {min} 分钟', en: 'The session starting {start} lasts {minutes} minutes; each session needs at least {min} minutes' },
  CLASS_SESSION_TOO_LONG: { kind: 'invalid', 'zh-CN': '{start} 开始的课次长达 {hours} 小时，每个课次不超过 {max} 小时', en: 'The session starting {start} lasts {hours} hours; no session may exceed {max} hours' },
  CLASS_SESSION_OUTSIDE_DATES: { kind: 'invalid', 'zh-CN': '课次 {start} 至 {end} 不在培训期 {startDate} 至 {endDate} 之内', en: 'The session {start} to {end} is outside the class dates {startDate} to {endDate}' },
  CLASS_SESSIONS_OVERLAP: { kind: 'invalid', 'zh-CN': '{start} 开始的课次与 {other} 开始的课次时间重叠', en: 'The session starting {start} overlaps the one starting {other}' },
  CLASS_HOURS_BELOW_STANDARD: { kind: 'invalid', 'zh-CN': '课程表共 {hours} 学时（每学时 {minutesPerHour} 分钟），少于培训项目教学计划的标准学时 {standardHours}', en: "The timetable has {hours} hours ({minutesPerHour} minutes each), fewer than the project's standard {standardHours} hours" },
  CLASS_CAPACITY_INVALID: { kind: 'invalid', 'zh-CN': '招生人数须为大于 0 的整数', en: 'The capacity must be a whole number above 0' },
  CLASS_TEACHERS_REQUIRED: { kind: 'invalid', 'zh-CN': '请至少填写一名授课教师', en: 'At least one teacher is required' },
  CLASS_TEACHER_NAME_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写授课教师姓名', en: "The teacher's name is required" },
  CLASS_ASSESSMENT_PLAN_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写考核评价方案', en: 'The assessment plan is required' },
  CLASS_DEPARTMENT_REQUIRED: { kind: 'invalid', 'zh-CN': '请选择培训责任部门', en: 'The responsible department is required' },
  CLASS_DEPARTMENT_INVALID: { kind: 'invalid', 'zh-CN': '培训责任部门“{value}”不正确', en: 'Responsible department "{value}" is invalid' },
  CLASS_FUNDING_ROUTE_REQUIRED: { kind: 'invalid', 'zh-CN': '请选择补贴渠道', en: 'The funding route is required' },
  CLASS_FUNDING_ROUTE_INVALID: { kind: 'invalid', 'zh-CN': '补贴渠道“{value}”不正确', en: 'Funding route "{value}" is invalid' },
  CLASS_FUNDING_ROUTE_MISMATCH: { kind: 'invalid', 'zh-CN': '“{trainingType}”不能按“{route}”补贴', en: '"{trainingType}" cannot be funded through "{route}"' },
  CLASS_TRAINING_TYPE_NOT_FOR_ENTERPRISE: { kind: 'invalid', 'zh-CN': '企业只能备案岗前培训、在岗培训、安全技能培训、转岗转业培训和企业新型学徒制，不能备案“{trainingType}”', en: 'An enterprise may file only pre-job, on-the-job, safety-skills and job-transfer training and new apprenticeships, not "{trainingType}"' },
  CLASS_EVALUATION_BODY_CANNOT_FILE: { kind: 'forbidden', 'zh-CN': '评价机构不承担补贴性培训，不能备案开班', en: 'An evaluation institution does not run subsidised training and cannot file classes' },
  CLASS_FULL: { kind: 'conflict', 'zh-CN': '培训班已满（招生 {capacity} 人，剩余 {remaining} 个名额）', en: 'The class is full (capacity {capacity}, {remaining} places left)' },
  ENROLMENT_SESSIONS_OVERLAP: { kind: 'conflict', 'zh-CN': '该人员已报名的培训班“{className}”在 {start} 也有课，时间冲突', en: 'The person is enrolled in "{className}", which also has a session at {start}' },
  SUBSIDY_CLASS_NOT_SUBSIDISED: { kind: 'invalid', 'zh-CN': '该培训班为非补贴性培训', en: 'This class is not subsidised' },
  SUBSIDY_CATEGORY_NOT_ELIGIBLE: { kind: 'invalid', 'zh-CN': '开班日（{startDate}）该人员不属于“{trainingType}”的补贴对象（须为：{eligible}）', en: 'On the start date ({startDate}) the person is not in a group subsidised for "{trainingType}" (needs one of: {eligible})' },
  SUBSIDY_NOT_ENTERPRISE_EMPLOYEE: { kind: 'invalid', 'zh-CN': '开班日（{startDate}）该人员不是开班企业的职工，“{trainingType}”只补贴本企业职工', en: 'On the start date ({startDate}) the person is not an employee of the enterprise running the class; "{trainingType}" is subsidised only for its own employees' },
  SUBSIDY_YEARLY_LIMIT_REACHED: { kind: 'invalid', 'zh-CN': '该人员 {year} 年已享受 {count} 次补贴性培训，每人每年不超过 {max} 次', en: 'The person already has {count} subsidised trainings in {year}; the limit is {max} a year' },
  SUBSIDY_SAME_OCCUPATION_LEVEL: { kind: 'invalid', 'zh-CN': '该人员已于 {year} 年享受过职业（工种）{occupationCode}（{level}）的补贴性培训，同一职业同一等级不可重复享受', en: 'The person had subsidised training in occupation {occupationCode} at level {level} in {year}; the same occupation and level is not subsidised twice' },
  ATTENDANCE_TIME_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写签到和签退时间', en: 'The check-in and check-out times are required' },
  ATTENDANCE_TIME_INVALID: { kind: 'invalid', 'zh-CN': '时间“{value}”不正确，应为带时区的时间，如 2020-06-15T08:30+08:00', en: 'Time "{value}" is invalid; use a time with its offset such as 2020-06-15T08:30+08:00' },
  ATTENDANCE_SESSION_NOT_OPEN: { kind: 'conflict', 'zh-CN': '本课次尚未开始，{opens} 起可以签到', en: 'This session has not opened yet; check-in opens at {opens}' },
  ATTENDANCE_OUTSIDE_WINDOW: { kind: 'conflict', 'zh-CN': '不在签到时间内：本课次 {opens} 至 {closes} 可以签到、签退', en: 'Outside the check-in window: this session accepts check-in and check-out from {opens} to {closes}' },
  ATTENDANCE_CHECKOUT_BEFORE_CHECKIN: { kind: 'invalid', 'zh-CN': '签退时间须晚于签到时间', en: 'The check-out must be after the check-in' },
  ATTENDANCE_MANUAL_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '补签须选择原因', en: 'A manual mark needs a reason' },
  ATTENDANCE_MANUAL_REASON_UNKNOWN: { kind: 'invalid', 'zh-CN': '补签原因“{value}”不正确', en: 'Manual-mark reason "{value}" is invalid' },
  ATTENDANCE_MANUAL_NOTE_REQUIRED: { kind: 'invalid', 'zh-CN': '补签原因为“其他”时须填写说明', en: 'Explain the manual mark when the reason is "other"' },
  ATTENDANCE_TOKEN_MALFORMED: { kind: 'invalid', 'zh-CN': '无法识别该二维码，请扫描培训现场屏幕上的签到二维码', en: 'This QR code is not recognised; scan the attendance code shown in the classroom' },
  ATTENDANCE_TOKEN_FORGED: { kind: 'forbidden', 'zh-CN': '签到二维码校验未通过', en: 'The attendance QR code failed verification' },
  ATTENDANCE_TOKEN_WRONG_SESSION: { kind: 'invalid', 'zh-CN': '该二维码属于另一个培训班或课次', en: 'This QR code belongs to another class or session' },
  ATTENDANCE_TOKEN_EXPIRED: { kind: 'invalid', 'zh-CN': '二维码已过期，请扫描屏幕上最新的二维码', en: 'The QR code has expired; scan the latest code on the screen' },
  ATTENDANCE_TOKEN_NOT_YET_VALID: { kind: 'invalid', 'zh-CN': '二维码尚未生效，请扫描屏幕上最新的二维码', en: 'The QR code is not valid yet; scan the latest code on the screen' },
  ATTENDANCE_TOKEN_REPLAYED: { kind: 'conflict', 'zh-CN': '该二维码已用过，请扫描屏幕上最新的二维码', en: 'This QR code was already used; scan the latest one on the screen' },
  ATTENDANCE_NOT_ENROLLED: { kind: 'forbidden', 'zh-CN': '您未报名该培训班，不能签到', en: 'You are not enrolled in this class and cannot check in' },
  ATTENDANCE_ALREADY_CHECKED_IN: { kind: 'conflict', 'zh-CN': '本课次已于 {at} 签到，请在下课时扫描签退二维码', en: 'You checked in to this session at {at}; scan the check-out code when it ends' },
  ATTENDANCE_NOT_CHECKED_IN: { kind: 'conflict', 'zh-CN': '本课次尚未签到，不能签退', en: 'You have not checked in to this session, so you cannot check out' },
  ATTENDANCE_CLASS_NOT_RUNNING: { kind: 'conflict', 'zh-CN': '培训班处于“{status}”状态，不能考勤', en: 'The class is "{status}"; attendance is not open' },
  ATTENDANCE_SESSION_UNKNOWN: { kind: 'invalid', 'zh-CN': '该课次不属于本培训班', en: 'The session does not belong to this class' },
  ATTENDANCE_MARK_DECIDED: { kind: 'conflict', 'zh-CN': '该补签已于 {at} 处理（{decision}）', en: 'This manual mark was already decided on {at} ({decision})' },
  ATTENDANCE_REFUSAL_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '不予确认须填写原因', en: 'A refusal needs a reason' },
  ENROLMENT_WORKER_UNKNOWN: { kind: 'invalid', 'zh-CN': '实名制台账中没有公民身份号码为 {idMasked} 的人员，请先登记', en: 'No person with ID number {idMasked} is in the real-name registry; register them first' },
  ENROLMENT_DUPLICATE: { kind: 'conflict', 'zh-CN': '{name} 已报名该培训班', en: '{name} is already enrolled in this class' },
  ENROLMENT_CLOSED: { kind: 'conflict', 'zh-CN': '培训班处于“{status}”状态，不能报名（审核通过后、结业前可以报名）', en: 'The class is "{status}"; enrolment is open from approval until completion' },
  ENROLMENT_NOT_EMPLOYEE: { kind: 'conflict', 'zh-CN': '{name} 在开班日（{startDate}）不是本企业职工：企业只能为本企业职工备案培训', en: '{name} is not an employee of this enterprise on the start date ({startDate}): an enterprise trains its own employees only' },
  ENROLMENT_WITHDRAW_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '退出培训须填写原因', en: 'A withdrawal needs a reason' },
  CLASS_NOT_EDITABLE: { kind: 'conflict', 'zh-CN': '培训班处于“{status}”状态，不能修改（只有草稿和被退回的备案可以修改）', en: 'The class is "{status}" and cannot be edited (only drafts and returned filings can)' },
  CLASS_NAME_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写培训班名称', en: 'The class name is required' },
  CLASS_CATALOG_PROJECT_UNKNOWN: { kind: 'invalid', 'zh-CN': '所选培训项目不在 {year} 年已公布的培训项目目录中', en: 'The chosen project is not in the published {year} project catalog' },
  CLASS_CATALOG_PROJECT_MISMATCH: { kind: 'invalid', 'zh-CN': '培训项目与目录不一致：目录中为{expected}', en: 'The project differs from the catalog entry: the catalog says {expected}' },
  CLASS_INSTITUTION_NOT_IN_CATALOG: { kind: 'forbidden', 'zh-CN': '“{name}”不在 {year} 年培训机构目录中承担职业（工种）{occupationCode}（{level}）的培训', en: '"{name}" is not listed in the {year} institution catalog for {occupationCode} ({level})' },
  CLASS_EVALUATOR_REQUIRED: { kind: 'invalid', 'zh-CN': '审核通过前须指定承担考核评价的机构', en: 'Assign the evaluation body before approving' },
  CLASS_EVALUATOR_INVALID: { kind: 'invalid', 'zh-CN': '“{name}”不是可承担考核评价的机构（须为在册的评价机构，或为本企业职工评价的企业本身）', en: '"{name}" cannot evaluate this class (it must be a registered evaluation institution, or the enterprise itself for its own employees)' },
  CLASS_PROJECT_REVIEW_REQUIRED: { kind: 'invalid', 'zh-CN': '该培训项目不在年度目录内（§7），审核通过须填写对培训项目的审核意见', en: 'The project is outside the annual catalog (§7): approving needs your review opinion on the project' },
  ASSESSMENT_RESULT_MISSING: { kind: 'invalid', 'zh-CN': '还有 {count} 名结业学员没有考核结果（如 {name}）', en: '{count} trainees who completed have no result yet (e.g. {name})' },
  ASSESSMENT_NOT_COMPLETED: { kind: 'invalid', 'zh-CN': '{name} 出勤率未达到结业要求，不能录入考核结果', en: '{name} did not complete the class (attendance) and cannot be assessed' },
  ASSESSMENT_UNKNOWN_ENROLMENT: { kind: 'invalid', 'zh-CN': '第 {row} 行的学员不在本培训班名册中', en: 'The trainee in row {row} is not on this class roster' },
  ASSESSMENT_SCORE_INVALID: { kind: 'invalid', 'zh-CN': '第 {row} 行的成绩须为 0–100 的整数', en: 'The score in row {row} must be an integer from 0 to 100' },
  ASSESSMENT_ALREADY_RECORDED: { kind: 'conflict', 'zh-CN': '该培训班的考核结果已录入', en: 'The results of this class are already recorded' },
  CERTIFICATE_ALREADY_REVOKED: { kind: 'conflict', 'zh-CN': '证书已于 {at} 撤销', en: 'The certificate was revoked on {at}' },
  CERTIFICATE_REVOKE_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '撤销证书须填写原因', en: 'Revoking a certificate needs a reason' },
  // Claims, funds and the ledger (issue #5)
  CLAIM_ACTION_NOT_AVAILABLE: { kind: 'conflict', 'zh-CN': '补贴申领处于“{from}”状态，不能执行“{action}”', en: 'The claim is "{from}"; "{action}" is not possible' },
  CLAIM_ACTION_FORBIDDEN: { kind: 'forbidden', 'zh-CN': '角色“{role}”无权对补贴申领执行“{action}”', en: 'Role "{role}" may not "{action}" a claim' },
  CLAIM_NOT_CLAIMANT: { kind: 'forbidden', 'zh-CN': '只有申领单位本身可以执行此操作', en: 'Only the claimant may do this' },
  CLAIM_OUT_OF_SCOPE: { kind: 'forbidden', 'zh-CN': '该补贴申领不在本单位管辖范围内', en: 'The claim is outside your jurisdiction' },
  CLAIM_WINDOW_OPEN: { kind: 'conflict', 'zh-CN': '公示期至 {windowEnd} 结束，期满后方可终审', en: 'The announcement runs until {windowEnd}; final review is possible after it' },
  CLAIM_OBJECTIONS_OPEN: { kind: 'conflict', 'zh-CN': '还有 {count} 条公示异议未答复', en: '{count} objections to the announcement are unanswered' },
  CLAIM_REASON_REQUIRED: { kind: 'invalid', 'zh-CN': '退回或不予补贴须填写原因', en: 'A return or rejection needs reasons' },
  CLAIM_CLASS_NOT_CLOSED: { kind: 'conflict', 'zh-CN': '培训班归档后方可申领补贴（当前状态：{status}）', en: 'A claim can be made once the class is closed (now: {status})' },
  CLAIM_EXISTS: { kind: 'conflict', 'zh-CN': '该培训班已有补贴申领（{status}）', en: 'This class already has a claim ({status})' },
  CLAIM_NOTHING_TO_CLAIM: { kind: 'conflict', 'zh-CN': '按政策计算，该培训班没有可申领的补贴', en: 'By the rules, this class has nothing to claim' },
  CLAIM_LINE_NOT_FOUND: { kind: 'not_found', 'zh-CN': '补贴明细不存在', en: 'The claim line does not exist' },
  CLAIM_LINE_ALREADY_REFUSED: { kind: 'conflict', 'zh-CN': '该明细已被核减', en: 'This line was already refused' },
  CLAIM_OBJECTION_WINDOW_CLOSED: { kind: 'conflict', 'zh-CN': '公示期已于 {windowEnd} 结束，不再受理异议', en: 'The announcement ended on {windowEnd}; objections are closed' },
  CLAIM_OBJECTION_TEXT_REQUIRED: { kind: 'invalid', 'zh-CN': '请填写异议内容', en: 'Please describe the objection' },
  CLAIM_OBJECTION_ANSWERED: { kind: 'conflict', 'zh-CN': '该异议已答复', en: 'This objection was already answered' },
  FUND_BUDGET_EXCEEDED: { kind: 'conflict', 'zh-CN': '“{fund}”{unit} {year} 年预算余额 {availableYuan} 元，不足以支付 {amountYuan} 元', en: '"{fund}" {unit} {year}: the remaining budget {availableYuan} CNY cannot pay {amountYuan} CNY' },
  FUND_UNKNOWN: { kind: 'invalid', 'zh-CN': '资金账户“{fund}”不存在', en: 'Fund "{fund}" does not exist' },
  LEDGER_IDEMPOTENCY_CONFLICT: { kind: 'conflict', 'zh-CN': '幂等键“{key}”已用于另一笔支付', en: 'Idempotency key "{key}" was used for a different payment' },
  LEDGER_UNBALANCED: { kind: 'internal', 'zh-CN': '记账分录借贷不平衡', en: 'The ledger transaction does not balance' },
  LEDGER_ALREADY_REVERSED: { kind: 'conflict', 'zh-CN': '该笔支付已冲销', en: 'This payment was already reversed' },
  // Targets, reports and employment outcomes (issue #6)
  REPORT_ALREADY_FROZEN: { kind: 'conflict', 'zh-CN': '{period} 的报表已冻结，不再变动', en: 'The report for {period} is already frozen' },
  REPORT_PERIOD_OPEN: { kind: 'conflict', 'zh-CN': '统计期 {period} 尚未结束（截至 {to}），不能冻结', en: 'The period {period} has not ended yet (it runs to {to}); it cannot be frozen' },
  REPORT_ALREADY_APPROVED: { kind: 'conflict', 'zh-CN': '该报表已审定', en: 'This report is already approved' },
  EMPLOYMENT_MONTH_INVALID: { kind: 'invalid', 'zh-CN': '月份“{value}”不正确，应为如 2020-07 的年月', en: 'Month "{value}" is invalid; use a year and month such as 2020-07' },
  EMPLOYMENT_MONTHS_REVERSED: { kind: 'invalid', 'zh-CN': '终止月份 {last} 早于起始月份 {first}', en: 'The last month {last} is before the first month {first}' },
  EMPLOYMENT_EMPLOYER_INVALID: { kind: 'invalid', 'zh-CN': '用人单位统一社会信用代码“{value}”不正确', en: 'The employer credit code "{value}" is invalid' },
} as const satisfies Record<string, { kind: ErrorKind; 'zh-CN': string; en: string }>;

export type ErrorKind =
  | 'invalid'
  | 'too_large'
  | 'unsupported'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type Locale = 'zh-CN' | 'en';
export type ErrorParams = Record<string, string | number>;

/** One of several problems found in one input (a form, a row). */
export type FieldProblem = { field: string; code: ErrorCode; params: ErrorParams };

export class AppError extends Error {
  /** Every problem when several were found at once (the first is also `code`/`field`). */
  problems?: readonly FieldProblem[];
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** The field the error is about, as a dotted path (`username`, `rows.3.idNumber`). */
    readonly field?: string,
  ) {
    super(renderError(code, params, 'en'));
    this.name = 'AppError';
  }
  get kind(): ErrorKind {
    return ERROR_CATALOGUE[this.code].kind;
  }
}

export function renderError(code: ErrorCode, params: ErrorParams, locale: Locale): string {
  return ERROR_CATALOGUE[code][locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function errorMessages(code: ErrorCode, params: ErrorParams): Record<Locale, string> {
  return { 'zh-CN': renderError(code, params, 'zh-CN'), en: renderError(code, params, 'en') };
}

/** A missing record and a record outside the caller's scope read the same (ADR 0005). */
export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

/** All problems of one input as one error: 400 PROBLEMS naming the first, with the full list attached. */
export function problemsError(problems: readonly FieldProblem[]): AppError {
  const first = problems[0];
  if (!first) throw new Error('problemsError needs at least one problem');
  if (problems.length === 1) {
    const e = new AppError(first.code, first.params, first.field);
    e.problems = problems;
    return e;
  }
  const e = new AppError('PROBLEMS', { count: problems.length, first: renderError(first.code, first.params, 'zh-CN') }, first.field);
  e.problems = problems;
  return e;
}
