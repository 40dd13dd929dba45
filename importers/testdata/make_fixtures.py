#!/usr/bin/python3
"""Writes the import fixtures in this folder (run from it with /usr/bin/python3, needs
python3-openpyxl; projects_messy.xls is then made with
`soffice --headless --convert-to xls projects_messy.xlsx`)."""
import datetime
import openpyxl
from openpyxl.styles import Font

# A project ledger as teams keep it: title and note rows above a two-level header with
# merged parents, messy values, a blank row, a duplicate row, a totals row, a note row,
# a hidden column and a summary sheet.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "2025年项目台账"
ws["A1"] = "2025年某某开发区招商引资项目台账"
ws.merge_cells("A1:N1")
ws["A2"] = "填报单位：某某开发区招商局        填报日期：2025年12月"
ws.merge_cells("A2:N2")
parents = {"A": "序号", "B": "项目名称", "C": "投资方信息", "E": "总投资（万元）", "F": "项目阶段", "G": "签约时间",
           "H": "开工时间", "I": "招商方式", "J": "联系人", "L": "所属开发区", "M": "备注", "N": "内部编号"}
for col, v in parents.items():
    ws[col + "3"] = v
for col in "ABEFGHILMN":
    ws.merge_cells(f"{col}3:{col}4")
ws.merge_cells("C3:D3")
ws.merge_cells("J3:K3")
ws["C4"], ws["D4"], ws["J4"], ws["K4"] = "投资方名称", "统一社会信用代码", "姓名", "联系电话"
rows = [
    [1, "华芯微联半导体封装项目", "华芯微联科技（深圳）有限公司", "９１４４０３００ma5fxt4k8n ", "5.2亿元", "已签约", 45728, None,
     "以商引商、产业链招商", "张伟", "13812345678；0791-86123456", "南昌经济技术开发区", "=HYPERLINK(\"http://x\")", "N-001"],
    [2, "锂电池正极材料项目", "深圳市华芯微联科技有限公司", None, "8000万", "洽谈中", None, None,
     "驻点招商", "李娜", 79186123456, "宜春经开区", None, "N-002"],
    [3, "智能装备产业园", "江西赣江装备股份有限公司", "91360100MA35XXXXX1", "3,200", "已开工", "2025年3月12日",
     datetime.datetime(2025, 6, 1), "基金招商，小分队", "王强", "1.3912345678E10", "上饶经开区", "  一期  ", "N-003"],
    None,
    [4, "稀土新材料项目", "赣州稀土集团有限公司", "91360700MA38A0BX7E", "1.5亿", "已投产", "2024/3/12", "2024-05",
     None, None, None, "赣州经开区", None, "N-004"],
    [5, "食品加工项目", "江西绿源食品有限公司", None, "abc万元", "在谈", None, None, None, None, None, None, None, "N-005"],
    [6, "华芯微联半导体封装项目", "华芯微联科技(深圳)有限公司", None, None, "签约", None, None,
     "展会", None, "0755-26123456", None, "二期用地待定", "N-006"],
    ["合计", None, None, None, "=SUM(E5:E11)", None, None, None, None, None, None, None, None, None],
    ["注：1. 金额单位为万元；2. 阶段按月更新。", None, None, None, None, None, None, None, None, None, None, None, None, None],
]
r = 5
for row in rows:
    if row is not None:
        for i, v in enumerate(row):
            if v is not None:
                c = ws.cell(row=r, column=i + 1, value=v)
                if isinstance(v, str) and v.startswith("="):
                    c.data_type = "s" if i == 12 else c.data_type
    r += 1
ws.merge_cells(start_row=r - 1, start_column=1, end_row=r - 1, end_column=14)
ws["E12"] = "=SUM(E5:E11)"
ws.column_dimensions["N"].hidden = True
summary = wb.create_sheet("汇总")
summary.append(["阶段", "项目数", "总投资（万元）"])
summary.append(["签约", 2, 60000])
summary.append(["在谈", 2, 8000])
wb.save("projects_messy.xlsx")

# A company-list export of the kind company-lookup services produce.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "企业列表"
ws["A1"] = "免责声明：本文件数据来源于公开信息，仅供参考，不构成任何投资建议。导出时间：2025-11-20"
ws.merge_cells("A1:N1")
ws.append(["企业名称", "登记状态", "法定代表人", "注册资本", "成立日期", "统一社会信用代码", "企业地址", "所属行业",
           "电话", "更多电话", "邮箱", "官网", "企业类型", "参保人数"])
ws.append(["深圳华芯微联科技股份有限公司", "存续", "陈晓东", "5000万元人民币", "2015-03-12", "91440300MA5FXT4K8N",
           "广东省深圳市南山区科技园南区", "计算机、通信和其他电子设备制造业", "0755-86123456", "13800138000；13900139000",
           "ir@hxwl.example.cn", "www.hxwl.example.cn", "股份有限公司（非上市、自然人投资或控股）", "320"])
ws.append(["苏州远航精密机械有限公司", "在业", "周婷", "1000万美元", "2008-07-01", "91320500MA1MXXXXXP",
           "江苏省苏州市工业园区星湖街", "通用设备制造业", "-", "-", "-", "-", "有限责任公司（外商投资、非独资）", "85"])
ws.append(["上海申联供应链管理有限公司", "注销", "吴磊", "200万元人民币", "2012-10-15", "913101157989XXXXXX",
           "上海市浦东新区张江路", "批发业", "021-58881234", None, None, None, "有限责任公司（自然人独资）", "-"])
wb.save("company_list.xlsx")

# A small project table for the .xls fixture made by LibreOffice (see above).

# A CSV as Chinese Excel saves it: GBK (GB18030) without a BOM.
csv_rows = [
    "项目名称,投资主体,计划投资,项目进度,签约日期,联系人,手机,企业性质",
    "新能源电池回收项目,湖南邦普循环科技有限公司,5000万元,已签约,2025/3/12,刘洋,138 0013 8000,民营",
    "光伏组件项目,隆基绿能科技股份有限公司,1000万美元,洽谈中,2025-03,赵敏,+86 139-0013-9000,外资",
    "\"总部经济项目，二期\",中国建材集团有限公司,\"1,500万\",储备,,孙悦,010-68881234转802,央企",
    "合计,,\"6,500万\",,,,,",
]
open("projects_gbk.csv", "wb").write(("\r\n".join(csv_rows) + "\r\n").encode("gb18030"))

# Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated.
tsv = "姓名\t单位\t电话\r\n黄磊\t江西铜业股份有限公司\t0791-82710123\r\n"
open("contacts_utf16.csv", "wb").write(b"\xff\xfe" + tsv.encode("utf-16-le"))

# vCard 2.1 (quoted-printable UTF-8 with soft line breaks, as old Android exports), 3.0 with
# a folded line, 4.0 with a tel: URI.
vcf = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=89;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=B8=89\r\n"
    "TEL;CELL:138-1234-5678\r\nTEL;WORK;VOICE:0791-86123456\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=B1=9F=E8=A5=BF=E8=B5=A3=E6=B1=9F=E8=A3=85=E5=A4=87=E8=82=A1=E4=BB=BD=E6=9C=89=E9=99=90=\r\n"
    "=E5=85=AC=E5=8F=B8\r\n"
    "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=80=BB=E7=BB=8F=E7=90=86\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:李;四;;;\r\nFN:李四\r\nTEL;TYPE=CELL:+86 139 1234 5678\r\n"
    "ORG:深圳华芯微联科技股份有限公司;投资部\r\nEMAIL;TYPE=INTERNET:lisi@hxwl.example.cn\r\n"
    "NOTE:在深圳南山区，\r\n 老家赣州\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:王五\r\nTEL;VALUE=uri;TYPE=\"voice,cell\":tel:+86-137-1234-5678\r\nEND:VCARD\r\n"
)
open("contacts.vcf", "wb").write(vcf.encode("utf-8"))

# Refusals that are plain files.
open("empty.csv", "wb").write(b"")
open("nul.csv", "wb").write("项目名称,投资方\n甲\x00乙,丙\n".encode("utf-8"))
open("bad_utf8_bom.csv", "wb").write(b"\xef\xbb\xbf" + "项目名称,投资方\n".encode("utf-8") + b"\xff\xfe\xfd,x\n")
open("not_a_zip.xlsx", "wb").write(b"PK\x03\x04" + b"\x00garbage" * 20)
