"""The details of a problem (the `{detail}` of source-format, source-row,
workbook-format, price-order), made where the problem is found as a `Phrase` and
said in the reader's language.  Chinese and English side by side."""

from __future__ import annotations

DETAILS: dict[str, tuple[str, str]] = {
    # a data file that cannot be read (source-format)
    "file_empty": ("文件是空的", "the file is empty"),
    "no_header": ("找不到表头:需要一行同时有日期列(日期、统计日期、统计时间、时间、date 或 month)"
                  "和可识别的指标列;列名不同请用 `columns:` 指定(`planbook explain presets` 列出各预设认识的列名)",
                  "no header row with a date column (日期, 统计日期, 统计时间, 时间, date or month) and a metric column "
                  "it knows; name yours with `columns:` (`planbook explain presets` lists the names each preset reads)"),
    "no_ad_header": ("找不到表头:需要日期列(日期/统计日期/时间)、计划名称列({names};整份报表是一个工具时写 "
                     "`tool:`)和花费列({spends});列名不同请用 `columns:` 指定",
                     "no header with a date (日期/统计日期/时间), a plan name ({names}; or `tool:` for a report of one "
                     "tool) and a spend column ({spends}); name yours with `columns:`"),
    "no_item_header": ("找不到表头:需要商家编码(SKU)和支付件数或支付金额列",
                       "no header with a SKU (商家编码) and a units or revenue column"),
    "unknown_encoding": ("未知编码 `{encoding}`", "unknown encoding `{encoding}`"),
    "not_a_table": ("不是可读取的 CSV、XLSX 或 XLS 文件(文件损坏,或不是表格文件?)",
                    "not a readable CSV, XLSX or XLS file (damaged, or another kind of file?)"),
    "not_parquet": ("不是可读取的 Parquet 文件({reason})", "not a readable Parquet file ({reason})"),
    "query_unreadable": ("无法读取查询文件({reason})", "the query cannot be read ({reason})"),
    "no_date_for_year": ("找不到日期,无法判断年份(请用 --year 指定)", "no date found to tell the year (give --year)"),
    "not_xlsx": ("不是可读取的 .xlsx 工作簿(如果是旧的 .xls,请用 Excel 另存为 .xlsx)",
                 "not a readable .xlsx workbook (an old .xls? open it in Excel and save it as .xlsx)"),
    # a row of a data file (source-row)
    "more_rows_not_listed": ("另有 {count} 行有问题,未逐一列出", "{count} more rows with problems are not listed"),
    "more_rows_like_it": ("{detail}(另有 {count} 行相同)", "{detail} (and {count} more rows like it)"),
    "date_not_in_year": ("{date} 不在 {year} 年内", "{date} is not in {year}"),
    "not_a_month_or_date": ("`{text}` 不是月份(如 {year}-01)或日期", "`{text}` is not a month such as {year}-01 or a date"),
    "not_a_month": ("`{text}` 不是有效月份", "`{text}` is not a month"),
    "not_a_date": ("`{text}` 不是有效日期", "`{text}` is not a date"),
    "unknown_metric_in_file": ("未知指标 `{metric}`", "unknown metric `{metric}`"),
    # the plan's workbook read back (workbook-format)
    "workbook_no_meta": ("缺少隐藏工作表 _planbook(业务单元、年份、文件):请用 `planbook export plan` 重新导出",
                         "the hidden sheet _planbook (unit, year, files) is missing: export the plan again with "
                         "`planbook export plan`"),
    "workbook_formula": ("公式 {formula} 在文件里没有计算结果:请用 Excel 打开并保存,或直接填写数值",
                         "the formula {formula} has no computed value in the file: open the workbook in Excel and "
                         "save it, or type the value"),
    "workbook_missing_sheets": ("缺少工作表 {sheets}(改名或删除了?要去掉一节,请清空它的行)",
                                "no sheet {sheets} (renamed or deleted? to remove a section, empty its rows)"),
    "workbook_missing_sheets_others": ("缺少工作表 {sheets}(改名或删除了?要去掉一节,请清空它的行);工作簿里另有 {others}",
                                       "no sheet {sheets} (renamed or deleted? to remove a section, empty its rows); "
                                       "the workbook has {others} instead"),
    "workbook_not_a_scenario": ("情景文件 `{file}` 不是计划文件夹里的情景",
                                "the scenario's file `{file}` is not a scenario of the plans folder"),
    "workbook_column_ids": ("工作表 {sheet} 隐藏的第 2 行缺少列 id:{ids}(在它上面插入了行,或删除了该行或某一列?)",
                            "the hidden row 2 of sheet {sheet} lacks the column ids {ids} (a row inserted above it, or "
                            "the row or a column deleted?)"),
    "workbook_two_rows": ("{what} 写了两行({first} 和 {second}):请只保留一行",
                          "{what} is on two rows ({first} and {second}): keep one"),
    "workbook_sku": ("SKU {sku}", "SKU {sku}"),
    "workbook_cost": ("费用项 {cost}", "the cost {cost}"),
    "workbook_target": ("目标 {metric} {channel}", "the target {metric} {channel}"),
    "workbook_tool": ("推广工具 {tool}", "the tool {tool}"),
    "workbook_campaign_moved": ("活动 {campaign} 来自 {home};把活动换到另一个文件请在 YAML 里操作(移动后重新导出)",
                                "the campaign {campaign} came from {home}; moving a campaign to another file is done "
                                "in the YAML (move it, then export again)"),
    "workbook_campaign_path": ("活动的文件 {path} 不是计划文件夹内以 .yaml 结尾的路径",
                               "the file {path} of a campaign is not a path inside the plans folder ending in .yaml"),
    "workbook_campaigns_one_file": ("{count} 个活动都写在文件 {path} 里;一个活动文件只放一个活动",
                                    "{count} campaigns name the file {path}; a campaign file holds one"),
    "workbook_row_names_nothing": ("这一行「{label}」对应不到计划里的项目(新渠道需要在 YAML 里写 id;节点日期写成「节点日期 · 双11」)",
                                   "the row `{label}` names nothing Planbook knows (a new channel needs its id in the "
                                   "YAML; a node date is written 节点日期 · 双11)"),
    # the products' roles out of price order (price-order)
    "role_medians": ("{medians}", "{medians}"),
    "role_median": ("{role} {price}", "{role} {price}"),
    "role_traffic": ("引流款", "traffic"),
    "role_profit": ("利润款", "profit"),
    "role_image": ("形象款", "image"),
    "role_regular": ("常规款", "regular"),
}
