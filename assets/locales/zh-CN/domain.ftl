### 销售方法自己的词：销售进程、成交意向、客户级别、通话结果、状态、角色、沟通风格及提示。

stage-0 = 暂时没有联系上
stage-1 = 新增到名下
stage-2 = 已联系,了解需求
stage-3 = 有兴趣,已报价
stage-4 = 有选择我们的意向
stage-5 = 已发合同
stage-6 = 合同中
stage-7 = 合同已到期

intent-0 = 可能性差
intent-1 = 意向不明
intent-2 = 可能成交
intent-3 = 成交意向好
intent-4 = 成交可能性很大

grade-O = 预售订金
grade-H = 7日内成交
grade-A = 1个月内成交
grade-B = 1–3个月内成交
grade-C = 3个月以上

outcome-no_answer = 未接通
outcome-busy = 忙线稍后再拨
outcome-reached = 已沟通
outcome-callback = 约定回电
outcome-sent_info = 已发资料/报价
outcome-contract_sent = 已发合同
outcome-won = 成交签约
outcome-not_interested = 无意向
outcome-wrong_number = 号码错误
outcome-do_not_call = 勿再致电

status-active = 跟进中
status-lost = 已流失
status-do_not_call = 勿再致电
status-invalid = 无有效号码

role-buyer = 采购
role-user = 使用者
role-gatekeeper = 前台/助理
role-decision_maker = 决策人
role-other = 其他

style-driver = 力量型
style-expressive = 活泼型
style-amiable = 和平型
style-analytical = 完美型

tip-driver = 简明扼要，先讲结果和需要对方做的决定。
tip-expressive = 多讲愿景和案例；细节事后用书面确认。
tip-amiable = 先建立信任；不施压，提供保障和客户推荐。
tip-analytical = 带上数据和细节；给对方时间研究，回答要精确。

## 输入的日期和金额

when-forms = 今天、明天、后天、周五、下周一、+3天、+2周、+1个月、3（个工作日）、下周、下个月、12月1日、2026-12-01，后面可以加时间，如 15:30 或 下午3点
when-empty = 日期是空的：请写 { $forms }
when-unreadable = 无法把“{ $input }”读成日期：请写 { $forms }
when-past-day = “{ $input }”已经过去（今天是 { $today }）：请写今天或以后的日期
when-past-time = “{ $input }”已经过去（现在是 { $now }）：请写更晚的时间或改天
money-unreadable = 无法把“{ $input }”读成金额：请写数字，如 1234.50 或 ¥1,234.50
money-negative = “{ $input }”是负数：金额必须大于或等于 0

## 规则拒绝时的提示

err-stage-6-means-under-contract-record = 销售进程 6 表示合同中：请用 won（成交签约）记录通话来设置
err-this-customer-is-under-contract-the = 这位客户在合同中：销售进程只能前进到 7（合同已到期）
err-this-customer-asked-not-to-be = 这位客户要求不再来电（do_not_call）：calldeck 不再记录对他的通话
err-this-customer-has-no-open-complaint = 这位客户没有未结投诉可解决：请去掉 --resolve
err-a-complaint-needs-its-text-complaint = 投诉需要写内容：--complaint "出了什么问题"
err-schedules-no-next-call-leave-out = { $outcome } 不安排下次通话：请去掉下次通话日期
err-satisfaction-is-out-of-range-give = 满意度 { $score } 超出范围：请给 1（很不满意）到 5（很满意）
err-a-callback-needs-the-time-the = 约定回电需要客户说的时间：作为下次通话给出，如 "周五 15:00"
err-a-win-needs-the-contract-value = 成交需要合同金额：用 --value 给出（这位客户没有预估金额）
err-contract-start-date-is-out-of = 合同开始日期超出范围
err-the-contract-ends-before-it-starts = 合同结束（{ $end }）早于开始（{ $start }）：请给出晚于开始的结束日期
err-the-contract-would-have-ended-already = 合同已经结束（{ $end }）：请给出今天或以后的结束日期
err-this-call-marks-the-customer-lost = 这通电话会把客户标为流失：用 --reason 说明原因（{ $a0 }）
err-unknown-loss-reason-use-one-of = 未知的流失原因“{ $reason }”：请使用 { $a0 } 之一
err-a-loss-for-another-reason-needs = 其他原因的流失需要备注说明：--note "……"
err-expected-close-is-in-the-past = 预计成交日 { $close } 已经过去：请给今天或以后的日期
err-next-call-is-in-the-past = 下次通话 { $next } 已经过去（现在 { $a0 }）：请给更晚的日期或时间
err-unknown-grade-use-o-h-a = 未知的客户级别“{ $s }”：请使用 O、H、A、B 或 C
err-unknown-status-use-active-lost-do = 未知的状态“{ $s }”：请使用 active、lost、do_not_call 或 invalid
err-unknown-outcome-use-one-of = 未知的通话结果“{ $s }”：请使用 { $a0 } 之一
err-unknown-channel-use-phone-email-visit = 未知的渠道“{ $s }”：请使用 phone、email、visit 或 message
err-unknown-role-use-buyer-user-gatekeeper = 未知的角色“{ $s }”：请使用 buyer、user、gatekeeper、decision_maker 或 other
err-unknown-style-use-driver-expressive-amiable = 未知的沟通风格“{ $s }”：请使用 driver、expressive、amiable 或 analytical
err-stage-does-not-exist-use-0 = 销售进程 { $stage } 不存在：请使用 0 到 7
err-intent-does-not-exist-use-0 = 成交意向 { $intent } 不存在：请使用 0（可能性差）到 4（成交可能性很大）
err-calldeck-now-is-not-an-rfc = CALLDECK_NOW='{ $s }' 不是 RFC 3339 时间：请写如 2026-11-23T09:00:00+08:00
err-calldeck-now-is-out-of-range = CALLDECK_NOW='{ $s }' 超出范围：请给 1900 到 9989 年之间的时间
err-is-out-of-range-calldeck-keeps = { $what } { $d } 超出范围：calldeck 保存的日期从 0001-01-01 到 9999-12-31

## 按最近联系和频次的客户分层，以及内置的流失原因

rfm-gold = 金牌客户
rfm-forgotten = 被遗忘客户
rfm-developing = 发展中客户
rfm-potential = 潜力客户
loss-price = 价格
loss-competitor = 选了竞争对手
loss-no_budget = 没有预算
loss-no_need = 没有需求
loss-unreachable = 联系不上
loss-other = 其他原因

## 记录难以撤回的通话前的确认

caution-do-not-call = 把这位客户永久标为勿再致电？
caution-wrong-number = 把这个号码标为错误？
caution-drops-hot-deal = 商机已进展到这一步，确定记录为无意向？
caution-second-call = 今天再记录一通电话？
