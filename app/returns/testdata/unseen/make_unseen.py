#!/usr/bin/python3
"""Draws 重点项目推进表.xlsx, a city template the app has never seen, with openpyxl (not
excelize, so that its XML is another writer's): a title with a blank period, the unit,
reporter and phone in one merged cell, a two-level merged header, a column-number row, a
pattern row holding sample data, four reserved bordered rows, a 合计 row with SUM formulas
over the reserved rows and some empty cells, notes, a blank date and a second sheet.

Run: /usr/bin/python3 make_unseen.py  (from this folder)
"""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side, PatternFill

wb = Workbook()
ws = wb.active
ws.title = "推进表"
thin = Side(style="thin", color="000000")
box = Border(left=thin, right=thin, top=thin, bottom=thin)
center = Alignment(horizontal="center", vertical="center", wrap_text=True)
left = Alignment(horizontal="left", vertical="center", wrap_text=True)
head_font = Font(name="仿宋", size=11, bold=True)
body_font = Font(name="仿宋", size=11)

last = "N"
ws["A1"] = "全市重点招商项目推进情况表（    年   月）"
ws["A1"].font = Font(name="方正小标宋简体", size=18)
ws["A1"].alignment = center
ws.merge_cells(f"A1:{last}1")
ws.row_dimensions[1].height = 40
ws["A2"] = "填报单位（盖章）：                    填报人：             联系电话："
ws["A2"].font = body_font
ws.merge_cells(f"A2:{last}2")

single = {"A": "序号", "B": "项目名称", "C": "投资主体", "D": "所在园区", "H": "当前进度",
          "K": "存在问题", "L": "建设内容及规模", "M": "项目联系人手机", "N": "签约日期"}
for col, text in single.items():
    ws[f"{col}3"] = text
    ws.merge_cells(f"{col}3:{col}4")
ws["E3"] = "投资额"
ws.merge_cells("E3:G3")
ws["E4"], ws["F4"], ws["G4"] = "总投资\n(亿元)", "其中：外资\n(万美元)", "固投(亿元)"
ws["I3"] = "到位资金"
ws.merge_cells("I3:J3")
ws["I4"], ws["J4"] = "本月(万元)", "本年到位资金(亿元)"
for row in (3, 4):
    for i in range(14):
        c = ws.cell(row=row, column=i + 1)
        c.font, c.alignment, c.border = head_font, center, box
        c.fill = PatternFill("solid", fgColor="DDEBF7")
for i in range(14):
    c = ws.cell(row=5, column=i + 1, value=str(i + 1))
    c.font, c.alignment, c.border = body_font, center, box

formats = {"E": "0.00", "F": "#,##0.00", "G": "0.00", "I": "#,##0.00", "J": "0.0000", "N": "yyyy/m/d"}
for row in range(6, 11):
    for i in range(14):
        col = chr(ord("A") + i)
        c = ws.cell(row=row, column=i + 1)
        c.font, c.border = body_font, box
        c.alignment = left if col in "BCHKL" else center
        if col in formats:
            c.number_format = formats[col]
sample = {"A": 1, "B": "示例：XX智能装备产业园", "C": "XX集团有限公司", "D": "XX经开区", "E": 10.5, "H": "已签约，正在办理供地手续"}
for col, v in sample.items():
    ws[f"{col}6"] = v

ws["A11"] = "合计"
ws.merge_cells("A11:D11")
ws["E11"] = "=SUM(E6:E10)"
ws["G11"] = "=SUM(G6:G10)"
for i in range(14):
    c = ws.cell(row=11, column=i + 1)
    c.font, c.border, c.alignment = head_font, box, center
    if chr(ord("A") + i) in formats:
        c.number_format = formats[chr(ord("A") + i)]
ws["A12"] = "填报说明：1.本表填报全市在谈、签约、在建重点项目；2.金额保留两位小数；3.当前进度写明最新节点。"
ws.merge_cells(f"A12:{last}12")
ws["A12"].alignment = left
ws.row_dimensions[12].height = 36
ws["A13"] = "填报日期：    年  月  日"

widths = {"A": 6, "B": 28, "C": 24, "D": 14, "E": 10, "F": 11, "G": 10, "H": 30, "I": 11, "J": 12, "K": 24, "L": 24, "M": 14, "N": 11}
for col, w in widths.items():
    ws.column_dimensions[col].width = w

notes = wb.create_sheet("说明")
notes["A1"] = "本表每月5日前报送市商务局。"
wb.save("重点项目推进表.xlsx")
