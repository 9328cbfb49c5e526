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
