"""Fill the document library bench: workspace "bench-library" with 200,000 documents in 20,000 folders,
500,000 versions, and the text read from 100,000 of them (mixed Chinese and English trade papers).

    TRADEWIND_DATA_DIR=/tmp/bench-library .venv/bin/python bench/generate_library.py [--scale 0.1] [--seed N]

What is written, as the app's services would leave it:

- 24 members of different roles (owner, admin, managers, sales reps, documents clerks, merchandisers,
  logistics, finance, service, marketing, a viewer), `member01…member24@bench-library.example`, password
  `bench-password-2026`. The pages are timed as member05 (sales), member15 (documents) and member03
  (manager).
- 2,000 customers made through `crm.services.customer_create` (30% in the pool, 12% the timed rep's), each
  with its folder inside the "Customers" folder, 40% with subfolders (contracts, quotations, shipping
  documents…; a few of them restricted).
- Team folders: 14 at the top (catalogs, contracts, quotations, shipping documents, certificates, finance,
  HR…) and a tree under them up to 8 levels deep, plus one 12-level chain under Projects. Finance, HR, the
  key accounts' contracts and ~1.5% of the others are restricted (FolderAccess rules by role or member);
  `path`, `guard` and `customer` are copied down the tree as `services.folders._place` does. A few leaf
  folders are in the trash with their documents.
- Documents named as export teams name them (报关单, 装箱单 Packing list, 合同 Sales contract, 发票, CE
  certificate, 验货报告…), of many types (PDF, DOCX, XLSX, CSV, TXT, JPEG, PNG, PPTX, ZIP, DWG), 1–40
  versions each (500,000 in all), every version a `files.StoredFile` row of its own (storage name, size,
  SHA-256, type) — rows only: no file exists on disk, as listing and searching never open one. Current
  versions of images and most PDFs have a thumbnail (a StoredFile too). Tags on ~25%, a description on ~15%.
- Text: the current version of 100,000 readable documents (PDF, Word, Excel, CSV, text) has text read
  ("done"): mixed Chinese/English trade sentences, 300–8,000 characters, whitespace collapsed as
  `library/extraction.py` keeps it. Scanned PDFs and the other readable versions are "no_text"; images and
  other types "not_searched". `Document.search_text` is `library.search.document_search_text` of the name,
  tags, description and the current version's text. Some terms are planted at known rates for the bench
  (see TERMS): 防爆认证 and Weißenfels in ~0.1% of the documents, Hamburg and Müller in ~1%, and one
  document holding "Ostseeblick".

Rows go in with COPY (PostgreSQL) or executemany (SQLite). The search index (core/text_index.py: the pg_trgm
GIN index, or the SQLite FTS5 table) is dropped before the documents are written and built again afterwards
with `DOCUMENT_INDEX.install`, as the migration builds it (one build is much faster than 200,000 updates of
the index). Re-running replaces the workspace bench-library and the users @bench-library.example, and
nothing else. PostgreSQL gets VACUUM ANALYZE afterwards; SQLite is left without ANALYZE. The run ends with
checks against the app (search text recomputed by `services.documents.document_reindex` for a sample, inside
a transaction that is rolled back; `permissions.readable_folders` against `permissions.can_read` for every
folder; version counts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import time
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace

from _bulk import ID_RANDOM, Writer, drop_workspaces, new_uuid, next_id, reset_sequences, vacuum_analyze
from _common import database_label
from _crm_words import COUNTRY_CODES, COUNTRY_WEIGHTS
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from generate_crm import Names, ascii_slug

from tradewind.accounts.models import User
from tradewind.core.text import fold
from tradewind.crm.models import Customer
from tradewind.crm.services import customer_create
from tradewind.files.models import StoredFile
from tradewind.library import permissions, selectors
from tradewind.library.choices import FolderKind, TextStatus
from tradewind.library.models import Document, DocumentTag, DocumentVersion, Folder, FolderAccess
from tradewind.library.search import DOCUMENT_INDEX, document_search_text
from tradewind.library.services.common import clean_name
from tradewind.library.services.documents import document_reindex
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace
from tradewind.workspaces.setup import workspace_setup

LIBRARY_SLUG = "bench-library"
EMAIL_SUFFIX = "@bench-library.example"
PASSWORD = "bench-password-2026"
REP_EMAIL = f"member05{EMAIL_SUFFIX}"  # a sales rep: their customers' folders and the pool's, no finance
CLERK_EMAIL = f"member15{EMAIL_SUFFIX}"  # a documents clerk: every customer, finance (read), key accounts
MANAGER_EMAIL = f"member03{EMAIL_SUFFIX}"
COLLEAGUE_EMAIL = f"member06{EMAIL_SUFFIX}"  # another rep: the clerk's customer-folder scenario is theirs

# Folders the bench finds by name (unique in the workspace).
BIG_FOLDER = "报关单 Customs declarations 2025"  # in 单证 Shipping documents / 2025: the biggest folder
KEY_ACCOUNTS = "大客户 Key accounts"  # in 合同 Contracts: restricted (sales read, documents/managers write)
FINANCE_SLIPS = "水单 Bank slips"  # in 财务 Finance (restricted: finance writes, documents/managers read)
DEEP_LEAF = "Approved 已批准"  # the bottom of the 12-level chain under 项目 Projects
SINGLE_FOLDER = "单个文件 One file"  # exactly one document (the "few rows" side of the listings)
CUSTOMERS_FOLDER = "Customers"

# Planted search terms: (the sentence that carries it, share of all documents). Folded, the sentences give
# "防爆认证", "weissenfels", "hamburg", "muller"; the bench searches for them.
TERMS = {
    "防爆认证": ("该型号已取得防爆认证（Ex d IIB T4），证书随货提供。", 0.001),
    "weissenfels": ("Delivery to our Weißenfels warehouse, ramp 3, Mon–Fri 7:00–15:00.", 0.001),
    "hamburg": ("Port of discharge: Hamburg, Germany. 目的港：汉堡 Hamburg。", 0.01),
    "muller": ("Consignee: Müller Haustechnik GmbH, Bremen. 收货人：Müller Haustechnik GmbH。", 0.01),
}
SINGLE_TERM = "ostseeblick"  # in one document only (the search that finds one row)
SINGLE_SENTENCE = "Sonderanfertigung für das Hotel Ostseeblick, Binz: 240 Wasserkocher mit Logo."
COUNTED_TERMS = [
    "报关",
    "装箱单",
    "防爆认证",
    "hamburg",
    "muller",
    "weissenfels",
    "40hq",
    "宁波",
    SINGLE_TERM,
]

UTC = dt.UTC
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
YEARS = 3  # documents over the last three years

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
TYPES = {  # extension: (content type, median size in bytes)
    "pdf": (PDF, 350_000),
    "docx": (DOCX, 60_000),
    "xlsx": (XLSX, 45_000),
    "csv": ("text/csv", 8_000),
    "txt": ("text/plain", 3_000),
    "jpg": ("image/jpeg", 1_800_000),
    "png": ("image/png", 900_000),
    "pptx": (PPTX, 4_000_000),
    "zip": ("application/zip", 6_000_000),
    "dwg": ("application/octet-stream", 1_200_000),
}
READABLE = {"pdf", "docx", "xlsx", "csv", "txt"}  # what library/extraction.py reads
THUMBNAILED = {"pdf", "jpg", "png"}


@dataclass
class Size:
    documents: int
    folders: int
    versions: int
    texts: int
    customers: int

    def scaled(self, scale: float) -> Size:
        documents = max(400, int(self.documents * scale))
        return Size(
            documents=documents,
            folders=max(120, int(self.folders * scale)),
            versions=max(documents, int(self.versions * scale)),
            texts=max(150, int(self.texts * scale)),
            customers=max(20, int(self.customers * scale)),
        )


FULL = Size(documents=200_000, folders=20_000, versions=500_000, texts=100_000, customers=2_000)

# --- people ------------------------------------------------------------------------------------------------

MEMBERS = [  # (role, full name); member01 … member24 in this order
    (Role.OWNER, "Chen Jie 陈杰"),
    (Role.ADMIN, "Wang Fang 王芳"),
    (Role.MANAGER, "Zhang Wei 张伟"),
    (Role.MANAGER, "Helen Zhou 周海伦"),
    (Role.SALES, "Amy Liu 刘艾米"),
    (Role.SALES, "Kevin Xu 徐凯文"),
    (Role.SALES, "Grace He 何格蕾"),
    (Role.SALES, "Lucy Sun 孙露西"),
    (Role.SALES, "Tony Gao 高托尼"),
    (Role.SALES, "Cindy Lin 林辛迪"),
    (Role.SALES, "Jack Ma 马杰克"),
    (Role.SALES, "Eric Guo 郭埃里克"),
    (Role.SALES, "Vivian Luo 罗薇薇"),
    (Role.MARKETING, "Iris Hu 胡艾瑞斯"),
    (Role.DOCUMENTS, "Li Na 李娜"),
    (Role.DOCUMENTS, "Zhao Min 赵敏"),
    (Role.MERCHANDISER, "Yang Jun 杨军"),
    (Role.MERCHANDISER, "Wu Tao 吴涛"),
    (Role.LOGISTICS, "Zhao Lei 赵磊"),
    (Role.FINANCE, "Huang Li 黄丽"),
    (Role.SERVICE, "Zhu Ying 朱莹"),
    (Role.VIEWER, "Auditor 审计"),
    (Role.SALES, "Leo Ma 马力欧"),
    (Role.LOGISTICS, "Ben Xu 徐斌"),
]
WRITERS = {
    Role.DOCUMENTS: 6,
    Role.SALES: 3,
    Role.MERCHANDISER: 2,
    Role.LOGISTICS: 2,
    Role.MANAGER: 1,
    Role.FINANCE: 1,
    Role.MARKETING: 1,
    Role.SERVICE: 1,
    Role.OWNER: 0.3,
    Role.ADMIN: 0.5,
}

# --- folder names ------------------------------------------------------------------------------------------

TOPS = [  # (name, theme, rules) — rules: [(role or member index, can_write)]; None: open
    ("产品目录 Catalogs", "catalog", None),
    ("合同 Contracts", "contract", None),
    ("报价 Quotations", "quotation", None),
    ("单证 Shipping documents", "shipping", None),
    ("证书与检测 Certificates", "certificate", None),
    ("验货 Inspections", "inspection", None),
    ("财务 Finance", "finance", [(Role.FINANCE, True), (Role.DOCUMENTS, False), (Role.MANAGER, False)]),
    ("人事 HR", "hr", [(4, True)]),
    ("市场 Marketing", "marketing", None),
    ("展会 Trade fairs", "fair", None),
    ("供应商 Suppliers", "supplier", None),
    ("模板 Templates", "template", None),
    ("项目 Projects", "project", None),
    ("归档 Archive", "archive", None),
]
DEEP_CHAIN = [
    "2026",
    "广交会 Canton Fair",
    "第二期 Phase 2",
    "Hall 11.2",
    "Booth C-15",
    "供应商 Suppliers",
    "宁波 Ningbo",
    "电水壶 Kettles",
    "样品 Samples",
    "照片 Photos",
    DEEP_LEAF,
]
FOLDER_WORDS = [
    "2019",
    "2020",
    "2021",
    "2022",
    "2023",
    "2024",
    "2025",
    "2026",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "01 一月",
    "02 二月",
    "03 三月",
    "04 四月",
    "05 五月",
    "06 六月",
    "07 七月",
    "08 八月",
    "09 九月",
    "10 十月",
    "11 十一月",
    "12 十二月",
    "欧洲 Europe",
    "中东 Middle East",
    "北美 North America",
    "南美 Latin America",
    "东南亚 ASEAN",
    "非洲 Africa",
    "日韩 Japan-Korea",
    "澳洲 Oceania",
    "电水壶 Kettles",
    "吹风机 Hair dryers",
    "榨汁机 Juicers",
    "LED灯 LED lamps",
    "电风扇 Fans",
    "咖啡机 Coffee makers",
    "电熨斗 Irons",
    "吸尘器 Vacuum cleaners",
    "烤面包机 Toasters",
    "空气炸锅 Air fryers",
    "草稿 Drafts",
    "已签 Signed",
    "定稿 Final",
    "旧版 Old",
    "待审 To review",
    "客户确认 Confirmed",
    "样品 Samples",
    "照片 Photos",
    "图纸 Drawings",
    "说明书 Manuals",
    "包装 Packaging",
    "唛头 Carton marks",
    "春季 Spring",
    "秋季 Autumn",
    "广交会 Canton Fair",
    "法兰克福 Ambiente",
    "迪拜 Big 5",
    "拉斯维加斯 CES",
    "Amazon",
    "OEM",
    "ODM",
    "Private label",
    "Returns 退货",
    "Claims 索赔",
    "Misc 其他",
]
CUSTOMER_SUBFOLDERS = [
    "合同 Contracts",
    "报价 Quotations",
    "单证 Shipping documents",
    "样品 Samples",
    "往来邮件 Correspondence",
    "验货 QC",
    "2025",
    "2026",
    "Claims 索赔",
]

# --- documents: categories, names, types, sentences --------------------------------------------------------

CATEGORIES = {  # name patterns, extension weights
    "customs": (
        ["报关单 {no}", "出口报关单 Export declaration {no}", "报关资料 {order}"],
        {"pdf": 85, "xlsx": 10, "jpg": 5},
    ),
    "packing": (
        ["装箱单 Packing list {order}", "Packing list PL-{no}", "装箱单 {order} rev{n}"],
        {"xlsx": 60, "pdf": 30, "csv": 10},
    ),
    "invoice": (
        ["Commercial invoice CI-{no}", "发票 Invoice {no}", "形式发票 PI-{no}"],
        {"pdf": 70, "xlsx": 30},
    ),
    "bl": (["提单 BL {no}", "B-L draft {no}", "Telex release {no}"], {"pdf": 90, "jpg": 10}),
    "contract": (
        ["合同 Sales contract SC-{no}", "Purchase contract PC-{no}", "NDA {short} {no}"],
        {"pdf": 55, "docx": 45},
    ),
    "quotation": (
        ["报价单 Quotation QT-{no}", "Quotation {line} {no}", "价格表 Price list {line} {no}"],
        {"xlsx": 60, "pdf": 40},
    ),
    "catalog": (
        ["产品目录 Catalog {line} {no}", "{line} catalog {no}", "Brochure {line} {no}"],
        {"pdf": 80, "pptx": 10, "jpg": 10},
    ),
    "certificate": (
        [
            "CE certificate {model}",
            "RoHS test report {model}",
            "检测报告 {model} {no}",
            "原产地证 Certificate of origin {no}",
        ],
        {"pdf": 95, "jpg": 5},
    ),
    "inspection": (
        ["验货报告 QC report {no}", "Inspection report {model} {no}", "QC photos {no}"],
        {"pdf": 60, "docx": 20, "jpg": 20},
    ),
    "photo": (
        ["IMG_{no}", "产品照片 {model} {no}", "Sample photo {model} {no}", "展位照片 {no}"],
        {"jpg": 70, "png": 30},
    ),
    "finance": (
        ["水单 Bank slip {no}", "收款记录 {no}", "Payment advice {no}", "汇率 FX {no}"],
        {"pdf": 40, "xlsx": 50, "csv": 10},
    ),
    "hr": (
        ["劳动合同 Labour contract {no}", "Employee handbook {no}", "请假表 Leave form {no}"],
        {"docx": 70, "pdf": 30},
    ),
    "marketing": (
        ["Brochure {line} {no}", "Newsletter {no}", "Banner {line} {no}", "Presentation {short} {no}"],
        {"pptx": 30, "jpg": 30, "png": 20, "pdf": 20},
    ),
    "supplier": (
        ["工厂审核 Factory audit {no}", "供应商报价 Supplier quote {no}", "采购合同 {no}"],
        {"pdf": 50, "xlsx": 30, "docx": 20},
    ),
    "template": (
        ["合同模板 Contract template {no}", "Quotation template {no}", "装箱单模板 {no}"],
        {"docx": 50, "xlsx": 50},
    ),
    "notes": (
        ["Meeting notes {no}", "会议纪要 {no}", "Notes {short} {no}", "todo {no}"],
        {"txt": 40, "docx": 60},
    ),
    "archive": (["Archive {no}", "backup {no}", "drawings {model} {no}"], {"zip": 60, "dwg": 40}),
}
THEMES = {  # the top folder's theme: which categories its documents are
    "catalog": {"catalog": 6, "photo": 3, "certificate": 1},
    "contract": {"contract": 8, "notes": 1, "quotation": 1},
    "quotation": {"quotation": 8, "invoice": 1, "notes": 1},
    "shipping": {"customs": 4, "packing": 4, "invoice": 3, "bl": 3, "certificate": 1},
    "certificate": {"certificate": 9, "inspection": 1},
    "inspection": {"inspection": 7, "photo": 3},
    "finance": {"finance": 8, "invoice": 2},
    "hr": {"hr": 9, "notes": 1},
    "marketing": {"marketing": 6, "photo": 3, "catalog": 1},
    "fair": {"photo": 5, "catalog": 3, "notes": 2},
    "supplier": {"supplier": 6, "quotation": 2, "inspection": 2},
    "template": {"template": 10},
    "project": {"notes": 3, "photo": 3, "quotation": 2, "catalog": 1, "supplier": 1},
    "archive": {"archive": 4, "customs": 1, "invoice": 1, "contract": 1, "packing": 1, "photo": 1},
    "customer": {
        "contract": 3,
        "quotation": 4,
        "invoice": 2,
        "packing": 2,
        "customs": 1,
        "bl": 1,
        "inspection": 1,
        "photo": 2,
        "notes": 2,
    },
}
LINES = [
    "KT-1200 Kettle",
    "HD-88 Hair dryer",
    "JC-300 Juicer",
    "LED-A60",
    "FN-16 Fan",
    "CM-12 Coffee maker",
    "IR-2200 Iron",
    "VC-900 Vacuum",
    "TS-2 Toaster",
    "AF-55 Air fryer",
]
MODELS = [
    "KT-1200",
    "KT-1500S",
    "HD-88",
    "HD-90 Pro",
    "JC-300",
    "LED-A60-9W",
    "FN-16R",
    "CM-12",
    "IR-2200",
    "VC-900",
    "TS-2",
    "AF-55",
    "AF-70D",
]
SHORTS = ["Olsen", "Dubois", "Rossi", "Nakamura", "Silva", "Kowalski", "Ahmed", "Novak", "Garcia", "Smith"]
DESCRIPTIONS = [
    "客户已确认 Confirmed by the customer.",
    "Final version sent to the buyer.",
    "旧版本请勿使用，以最新版为准。",
    "Scanned copy, the original is in the file cabinet.",
    "双方已签字盖章 Signed and stamped by both parties.",
    "Prices valid until the end of the quarter.",
    "To be checked by the documents team before sending.",
    "工厂提供，未经核实。",
    "For internal use only.",
    "附件含产品照片和包装图。",
]
TAGS = [
    "CE",
    "RoHS",
    "GS",
    "2025",
    "2026",
    "signed",
    "已签",
    "draft",
    "草稿",
    "final",
    "定稿",
    "urgent",
    "加急",
    "FOB",
    "CIF",
    "LC",
    "样品",
    "客户确认",
    "original",
    "copy",
    "OEM",
    "Amazon",
]

PORTS = [
    ("Ningbo", "宁波"),
    ("Shanghai", "上海"),
    ("Shenzhen", "深圳"),
    ("Qingdao", "青岛"),
    ("Xiamen", "厦门"),
]
DESTS = [
    ("Rotterdam", "鹿特丹"),
    ("Felixstowe", "费利克斯托"),
    ("Los Angeles", "洛杉矶"),
    ("Sydney", "悉尼"),
    ("Dubai", "迪拜"),
    ("Santos", "桑托斯"),
    ("Valencia", "瓦伦西亚"),
    ("Genoa", "热那亚"),
    ("Antwerp", "安特卫普"),
    ("Jebel Ali", "杰贝阿里"),
    ("Vancouver", "温哥华"),
]
PRODUCTS = [
    ("电水壶", "electric kettle"),
    ("吹风机", "hair dryer"),
    ("榨汁机", "juicer"),
    ("LED灯泡", "LED bulb"),
    ("电风扇", "stand fan"),
    ("咖啡机", "coffee maker"),
    ("电熨斗", "steam iron"),
    ("吸尘器", "vacuum cleaner"),
    ("烤面包机", "toaster"),
    ("空气炸锅", "air fryer"),
]
CONTAINERS = ["20GP", "40GP", "40HQ", "40HQ", "LCL"]
VESSELS = ["MSC Aurora", "EVER GIVEN", "CMA CGM Rhone", "COSCO Pride", "Maersk Essen", "ONE Harmony"]
BANKS = ["Deutsche Bank", "HSBC", "Standard Chartered", "Emirates NBD", "BNP Paribas", "Bank of China"]
BUYERS = [
    "Olsen Trading A/S",
    "Dubois Distribution SARL",
    "Rossi Casa S.p.A.",
    "Nakamura Shoji KK",
    "Silva Importadora Ltda",
    "Kowalski Sp. z o.o.",
    "Al Noor General Trading LLC",
    "Novak d.o.o.",
    "Garcia Hogar S.L.",
    "Smith Home Ltd",
]

SENTENCES = {  # per category, and "any" for every text
    "customs": [
        "出口货物报关单 申报口岸：{port_zh}海关 贸易方式：一般贸易 运输方式：水路运输。",
        "报关单号 {no}，商品编号 {hs}，{product_zh} {qty} 台，成交方式 FOB。",
        "Export customs declaration No. {no}: {qty} pcs {product_en}, HS {hs}, FOB {port}.",
        "境内发货人：宁波海潮贸易有限公司 统一社会信用代码 91330200MA2{n4}。",
        "报关资料已准备好：发票、装箱单、合同、报关委托书。",
        "监管方式 0110 一般贸易，征免性质 101。",
        "毛重 {kg} 千克，净重 {kg2} 千克，件数 {cartons} 箱。",
        "运抵国（地区）：{dest_zh}，指运港：{dest}。",
        "报关行已放行 released by customs on {date}.",
        "申报要素：品牌类型 境外品牌（贴牌生产），出口享惠情况 不享惠。",
    ],
    "packing": [
        "装箱单 PACKING LIST No. {order} Date {date}",
        "Carton No. 1-{cartons}: {product_en} {model}, {qty} pcs.",
        "每箱 {per} 台，共 {cartons} 箱，毛重 {kg} KGS，体积 {cbm} CBM。",
        "Shipping marks: {short} / {order} / MADE IN CHINA / C/NO. 1-{cartons}.",
        "Container {container} x 1, seal no. {seal}.",
        "Total: {cartons} cartons, G.W. {kg} kg, N.W. {kg2} kg.",
        "唛头按客户要求，侧唛印中性。",
        "装箱明细见下表 carton dimensions {dim} cm.",
    ],
    "invoice": [
        "COMMERCIAL INVOICE No. {no} Date {date}",
        "Seller: Ningbo Haichao Trading Co., Ltd. Buyer: {buyer}.",
        "{qty} pcs {product_en} {model} at USD {price}/pc, amount USD {amount}.",
        "Terms of payment: T/T 30% deposit, 70% against copy of B/L.",
        "发票金额 USD {amount}，{incoterm} {port}。",
        "Beneficiary bank: {bank}, SWIFT HCBKCNBJ{n2}.",
        "形式发票有效期 30 天，汇率按开票日计算。",
        "Total amount in words: US dollars {amount} only.",
    ],
    "bl": [
        "BILL OF LADING No. {seal} Vessel {vessel} Voy. {n3}E",
        "Port of loading: {port}. Port of discharge: {dest}.",
        "Shipper: Ningbo Haichao Trading Co., Ltd. Consignee: TO ORDER. Notify: {buyer}.",
        "{container} x 1 said to contain {cartons} cartons, freight prepaid.",
        "提单草稿请客户确认后再出正本。",
        "电放 Telex release after the balance is received.",
        "ETD {date}, ETA {date2}, transit about {days} days.",
    ],
    "contract": [
        "销售合同 SALES CONTRACT No. SC-{no}",
        "卖方：宁波海潮贸易有限公司 买方：{buyer}。",
        "The Seller agrees to sell and the Buyer agrees to buy {qty} pcs of {product_en} {model}.",
        "Price: USD {price} per piece {incoterm} {port}, total USD {amount}.",
        "Payment: 30% deposit by T/T, 70% against copy of B/L within 7 days.",
        "Delivery: within {days} days after the deposit is received.",
        "交货期：收到定金后 {days} 天内。",
        "争议提交中国国际经济贸易仲裁委员会仲裁。 Disputes: CIETAC arbitration, Shanghai.",
        "Quality: as per the approved sample, AQL 2.5 major, 4.0 minor.",
        "本合同一式两份，双方各执一份，具有同等法律效力。",
        "Force majeure: neither party is liable for delays caused by events beyond its control.",
    ],
    "quotation": [
        "报价单 QUOTATION No. QT-{no} Date {date}",
        "{model} {product_en}: USD {price}/pc FOB {port}, MOQ {moq} pcs.",
        "{product_zh} {model} 单价 {price} 美元，起订量 {moq} 台，交期 {days} 天。",
        "Price validity: 30 days. Payment: T/T 30/70.",
        "报价含包装，不含运费和保险。",
        "Packing: {per} pcs per carton, {cartons} cartons per {container}.",
        "Sample charge USD 50, refundable against the first order.",
        "汇率按 6.{n2} 计算，汇率变动超过 3% 重新报价。",
    ],
    "catalog": [
        "{product_en} {model}: 1.7 L, 2200 W, stainless steel 304, CE / GS / RoHS.",
        "{product_zh} {model}，功率 {watt}W，颜色可选，支持 OEM 定制。",
        "New for {year}: {product_en} with touch control and keep-warm function.",
        "Packing: colour box, {per} pcs per carton, carton size {dim} cm.",
        "产品通过 CE、GS、RoHS、LFGB 认证。",
        "Private label and customised packaging available from {moq} pcs.",
    ],
    "certificate": [
        "EC DECLARATION OF CONFORMITY Product: {product_en} Model: {model}.",
        "Directives: 2014/35/EU (LVD), 2014/30/EU (EMC), 2011/65/EU (RoHS).",
        "检测结果：合格 PASS。",
        "Test report No. {no} issued by SGS-CSTC Standards Technical Services (Ningbo).",
        "本报告仅对来样负责。",
        "Certificate of origin Form A No. {no}, origin criterion P.",
        "The product complies with EN 60335-1:2012 + A11:2014.",
    ],
    "inspection": [
        "验货报告 INSPECTION REPORT {no} Factory: {supplier}",
        "Sampling: ISO 2859-1, level II, AQL 2.5/4.0.",
        "抽检 {per} 台，发现 {n} 个次要缺陷，结论：合格。",
        "Defects found: scratches on the lid ({n} pcs), loose screw.",
        "Carton drop test passed; barcode scan OK.",
        "外箱唛头与客户要求一致，内盒贴纸正确。",
        "Result: PASSED. Shipment can be released.",
        "Function test: {per} pcs, all OK.",
    ],
    "finance": [
        "收款 USD {amount}，客户 {buyer}，订单 {order}。",
        "Bank charges USD {n2} deducted by the intermediary bank.",
        "汇率 6.{n2}，结汇金额 CNY {amount2}。",
        "Payment advice: USD {amount} received on {date} from {buyer}.",
        "应收账款核对：{order} 尾款未到。",
        "Invoice {no} settled in full.",
    ],
    "hr": [
        "员工手册 第{n}章 考勤制度。",
        "Annual leave: 10 working days after one year of service.",
        "试用期三个月，转正后缴纳五险一金。",
        "Training: export documents and customs basics, {date}.",
    ],
    "marketing": [
        "Meet us at the Canton Fair, booth {booth}, {date}.",
        "{product_en} {model} — new colours for {year}.",
        "社交媒体推广计划 {year} Q{q}。",
        "Email campaign to {n3} buyers in Europe, open rate {n2}%.",
    ],
    "supplier": [
        "工厂审核 Factory audit: {supplier}, {n3} workers, BSCI valid until {date}.",
        "供应商报价 {product_zh} {model} 含税单价 {price2} 元。",
        "Production capacity: {n3}0 pcs per day.",
        "采购合同 付款方式：月结 60 天。",
        "工厂交期 {days} 天，模具费另计。",
    ],
    "template": [
        "【客户名称】【地址】【合同编号】",
        "Dear Sir or Madam, please find attached our quotation.",
        "Payment terms: __% deposit, balance against copy of B/L.",
        "装箱单模板：箱号、品名、数量、毛重、净重、体积。",
    ],
    "notes": [
        "会议纪要 {date}：讨论 {buyer} 的年度合同。",
        "Action: send the revised quotation by Friday.",
        "客户要求交期提前到 {date}，工厂说最快 {days} 天。",
        "Follow up on the deposit for {order}.",
        "样品已寄出，DHL 单号 {tracking}。",
        "Discussed the new packaging with the factory.",
    ],
    "archive": [],
    "photo": [],
    "any": [
        "请查收附件 Please find attached.",
        "如有问题请随时联系。",
        "Best regards, Ningbo Haichao Trading Co., Ltd.",
        "宁波海潮贸易有限公司 地址：浙江省宁波市鄞州区天童南路 {n3} 号。",
        "Tel +86 574 8{n3} {n4}",
        "订单 {order}，{product_zh} {qty} 台，{container} 一个，{port_zh}港出运。",
        "Order {order}: {qty} pcs {product_en}, {container} from {port} to {dest}.",
        "客户 {buyer} 要求 {date} 前出货。",
        "Balance USD {amount} due before {date}.",
        "This document is confidential. 本文件仅供内部使用。",
        "Page {n} of {n2}",
        "{product_zh}（{product_en}）{model}，HS 编码 {hs}。",
        "ETD {port} {date}, ETA {dest} {date2}.",
        "Inspection by {inspector} on {date}.",
        "出运前请核对唛头、数量和单证。",
    ],
}
SUPPLIERS = [
    "慈溪市宏达电器厂",
    "余姚市佳美电器有限公司",
    "中山市东凤镇华美电器",
    "宁波市鄞州腾飞塑料制品厂",
    "Foshan Shunde Meiya Appliances",
    "Cixi Honda Electrical Factory",
]
INSPECTORS = ["SGS", "Bureau Veritas", "Intertek", "TÜV Rheinland", "QIMA"]


# --- the plan ----------------------------------------------------------------------------------------------


@dataclass(eq=False)
class F:
    """A folder as planned."""

    id: int
    name: str
    kind: str
    parent: F | None
    theme: str
    customer_id: int | None = None
    rules: list | None = None  # restricted when not None
    deleted: bool = False
    created: dt.datetime | None = None
    creator: int | None = None
    path: str = ""
    guard: int | None = None
    depth: int = 1
    names: set = field(default_factory=set)  # name keys of the subfolders
    doc_names: set = field(default_factory=set)


def unique_name(taken: set, name: str) -> tuple[str, str]:
    name, key = clean_name(name[:120], limit=120, replace=True)
    k = 2
    base = name
    while key in taken:
        name, key = clean_name(f"{base[:110]} ({k})", limit=120, replace=True)
        k += 1
    taken.add(key)
    return name, key


class Filler:
    """Fills the sentence templates: a pool of filled sentences per category, made once."""

    def __init__(self, rng: random.Random, now: dt.datetime, customer_names: list[str]):
        self.rng, self.now = rng, now
        self.buyers = BUYERS + [n for n in customer_names if n.isascii()][:200]

    def values(self) -> dict:
        r = self.rng
        port, port_zh = r.choice(PORTS)
        dest, dest_zh = r.choice(DESTS)
        product_zh, product_en = r.choice(PRODUCTS)
        day = self.now - dt.timedelta(days=r.randint(0, 365 * YEARS))
        qty = r.choice([500, 1000, 1200, 2000, 2400, 3000, 5000, 10000])
        price = round(r.uniform(2.5, 45), 2)
        return {
            "port": port,
            "port_zh": port_zh,
            "dest": dest,
            "dest_zh": dest_zh,
            "product_zh": product_zh,
            "product_en": product_en,
            "model": r.choice(MODELS),
            "qty": qty,
            "price": f"{price:.2f}",
            "price2": f"{price * 6.5:.2f}",
            "amount": f"{qty * price:,.2f}",
            "amount2": f"{qty * price * 7:,.2f}",
            "hs": r.choice(["8516.71.00", "8516.31.00", "8509.40.00", "8539.52.00", "8414.51.00"]),
            "no": f"{day.year}{r.randint(0, 999999):06d}",
            "order": f"SC-{day.year}-{r.randint(1, 9999):04d}",
            "date": day.date().isoformat(),
            "date2": (day + dt.timedelta(days=30)).date().isoformat(),
            "kg": r.randint(800, 9000),
            "kg2": r.randint(700, 8000),
            "cartons": r.randint(50, 1500),
            "per": r.choice([4, 6, 8, 12, 20]),
            "cbm": round(r.uniform(5, 68), 2),
            "container": r.choice(CONTAINERS),
            "seal": f"{r.choice(['MSKU', 'COSU', 'CMAU', 'EGLV'])}{r.randint(1000000, 9999999)}",
            "dim": f"{r.randint(30, 60)}x{r.randint(25, 50)}x{r.randint(20, 45)}",
            "vessel": r.choice(VESSELS),
            "bank": r.choice(BANKS),
            "buyer": r.choice(self.buyers),
            "short": r.choice(SHORTS),
            "incoterm": r.choice(["FOB", "CIF", "CFR", "EXW"]),
            "days": r.randint(15, 60),
            "moq": r.choice([500, 1000, 2000]),
            "watt": r.choice([600, 1200, 1800, 2200]),
            "year": day.year,
            "supplier": r.choice(SUPPLIERS),
            "inspector": r.choice(INSPECTORS),
            "booth": f"{r.randint(1, 17)}.{r.randint(1, 3)}{r.choice('ABCDE')}{r.randint(1, 40)}",
            "tracking": f"{r.randint(10**9, 10**10 - 1)}",
            "q": r.randint(1, 4),
            "n": r.randint(1, 9),
            "n2": r.randint(10, 99),
            "n3": r.randint(100, 999),
            "n4": r.randint(1000, 9999),
        }

    def pools(self, per_template: int) -> dict[str, list[str]]:
        planted = [*TERMS, SINGLE_TERM]
        pools = {}
        for category, templates in SENTENCES.items():
            pool = []
            for template in templates:
                for _ in range(per_template):
                    sentence = template.format(**self.values())
                    folded = fold(sentence)
                    if not any(term in folded for term in planted):  # planted terms only where planted
                        pool.append(sentence)
            pools[category] = pool
        return pools


def skewed_weights(rng: random.Random, n: int, sigma: float) -> list[float]:
    return [rng.lognormvariate(0, sigma) for _ in range(n)]


def pick_weighted(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    return rng.choices(items, cum_weights=list(itertools.accumulate(weights)), k=k) if k > 0 else []


# --- building ----------------------------------------------------------------------------------------------


def make_members(ws: Workspace, now: dt.datetime) -> list[Membership]:
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=f"member{i:02d}{EMAIL_SUFFIX}",
                full_name=name,
                password=password,
                language="en" if i % 3 else "zh-hans",
                date_joined=now - dt.timedelta(days=900),
            )
            for i, (_role, name) in enumerate(MEMBERS, 1)
        ]
    )
    members = Membership.objects.bulk_create(
        [Membership(workspace=ws, user=u, role=role) for u, (role, _n) in zip(users, MEMBERS, strict=True)]
    )
    User.objects.filter(id__in=[u.id for u in users]).update(last_workspace=ws)
    for m, u in zip(members, users, strict=True):
        m.user, m.workspace = u, ws
    return members


def make_customers(rng: random.Random, members: list[Membership], n: int) -> list[Customer]:
    """Through crm.services.customer_create: 30% in the pool, 12% the timed rep's, the rest other reps'."""
    started = time.monotonic()
    names = Names(rng)
    rep, colleague = members[4], members[5]
    reps = [m for m in members if m.role == Role.SALES and m not in (rep,)]
    managers = [m for m in members if m.role == Role.MANAGER]
    customers = []
    for i in range(n):
        country = rng.choices(COUNTRY_CODES, weights=COUNTRY_WEIGHTS)[0]
        name, latin, domain = names.company(country)
        person, handle = names.person(country)
        r = (
            rng.random() if i > 1 else (0.31 if i == 0 else 0.5)
        )  # the first: the rep's; the second: a colleague's
        if r < 0.3:
            actor, owner = managers[0], None
        elif r < 0.42:
            actor, owner = rep, "me"
        elif r < 0.5:
            actor, owner = rng.choice(managers), "me"
        else:
            actor, owner = (colleague if i == 1 else rng.choice(reps)), "me"
        customers.append(
            customer_create(
                actor=actor,
                data={
                    "name": name,
                    "name_latin": latin,
                    "country": country,
                    "industry": "Home appliances",
                    "source": "alibaba" if i % 3 else "trade_fair",
                    "stage": "customer",
                },
                contacts=[
                    {"name": person, "emails": [f"{handle}{i}@{ascii_slug(domain) or 'buyer'}.example"]}
                ],
                owner=owner,
                confirm_duplicates=True,
            )
        )
    print(
        f"  {len(customers):,} customers through crm.services.customer_create: "
        f"{time.monotonic() - started:.1f}s"
    )
    return customers


def plan_folders(rng, size: Size, members, customers, now: dt.datetime, first_id: int) -> list[F]:
    ids = itertools.count(first_id)
    folders: list[F] = []
    top_names: set = set()
    writers = [m for m in members if m.role in WRITERS]
    writer_weights = [WRITERS[m.role] for m in writers]
    span = dt.timedelta(days=365 * YEARS)

    def add(name, kind, parent, theme, **kw) -> F:
        taken = parent.names if parent else top_names
        shown, _key = unique_name(taken, name)
        f = F(id=next(ids), name=shown, kind=kind, parent=parent, theme=theme, **kw)
        f.depth = parent.depth + 1 if parent else 1
        f.path = f"{parent.path if parent else '/'}{f.id}/"
        if f.kind == FolderKind.TEAM and parent is not None:
            f.customer_id = parent.customer_id
        f.guard = f.id if f.rules is not None else (parent.guard if parent else None)
        low = parent.created if parent else now - span - dt.timedelta(days=30)
        f.created = low + (now - low) * (rng.random() ** 3)  # most folders made soon after their parent
        if kind == FolderKind.TEAM:  # the customers' folders are made by Tradewind (services.customer_folder)
            f.creator = rng.choices(writers, weights=writer_weights)[0].pk
        folders.append(f)
        return f

    # The tops, and the special folders the bench opens.
    tops = {}
    for name, theme, rules in TOPS:
        tops[theme] = add(name, FolderKind.TEAM, None, theme, rules=_rules(rules, members))
    shipping_2025 = add("2025", FolderKind.TEAM, tops["shipping"], "shipping")
    add(BIG_FOLDER, FolderKind.TEAM, shipping_2025, "shipping")
    add(
        KEY_ACCOUNTS,
        FolderKind.TEAM,
        tops["contract"],
        "contract",
        rules=_rules([(Role.SALES, False), (Role.DOCUMENTS, True), (Role.MANAGER, True)], members),
    )
    add(FINANCE_SLIPS, FolderKind.TEAM, tops["finance"], "finance")
    add(SINGLE_FOLDER, FolderKind.TEAM, tops["project"], "project")
    parent = tops["project"]
    for name in DEEP_CHAIN:
        parent = add(name, FolderKind.TEAM, parent, "project")

    # The customers' folders: every customer has one; 40% have subfolders, a few of them restricted.
    top = add(CUSTOMERS_FOLDER, FolderKind.CUSTOMERS, None, "customer")
    for c in customers:
        cf = add(c.name, FolderKind.CUSTOMER, top, "customer", customer_id=c.pk)
        if rng.random() < 0.4:
            for sub in rng.sample(CUSTOMER_SUBFOLDERS, rng.randint(1, 4)):
                rules = None
                if sub.startswith("合同") and rng.random() < 0.15:
                    rules = _rules([(Role.DOCUMENTS, True), (Role.MANAGER, True)], members)
                s = add(sub, FolderKind.TEAM, cf, "customer", rules=rules)
                if rng.random() < 0.15:
                    add(
                        rng.choice(["已签 Signed", "草稿 Drafts", "旧版 Old"]), FolderKind.TEAM, s, "customer"
                    )

    # The team tree: the rest, level by level, each folder's parent drawn from the level above (some
    # folders gather many subfolders, most few).
    rest = max(0, size.folders - len(folders))
    shares = [0.10, 0.28, 0.30, 0.18, 0.08, 0.04, 0.02]
    counts = [int(rest * s) for s in shares]
    counts[1] += rest - sum(counts)
    level = list(tops.values())
    open_roles = [
        Role.SALES,
        Role.DOCUMENTS,
        Role.MANAGER,
        Role.MERCHANDISER,
        Role.LOGISTICS,
        Role.FINANCE,
        Role.MARKETING,
    ]
    for count in counts:
        if count <= 0 or not level:
            break
        weights = skewed_weights(rng, len(level), 1.2)
        made = []
        for parent in pick_weighted(rng, level, weights, count):
            rules = None
            if rng.random() < 0.015:
                chosen = rng.sample(open_roles, rng.randint(1, 3))
                rules = [(role, rng.random() < 0.5) for role in chosen]
                if rng.random() < 0.3:
                    rules.append((rng.randrange(len(members)) + 1, True))
                rules = _rules(rules, members)
            name = rng.choice(FOLDER_WORDS)
            if rng.random() < 0.3:
                name = f"{name} {rng.choice(FOLDER_WORDS)}"
            made.append(add(name, FolderKind.TEAM, parent, parent.theme, rules=rules))
        level = made

    # A few leaves in the trash (their documents with them).
    has_children = {f.parent.id for f in folders if f.parent is not None}
    for f in folders:
        special = f.name in (BIG_FOLDER, KEY_ACCOUNTS, FINANCE_SLIPS, SINGLE_FOLDER, DEEP_LEAF)
        leaf = f.kind == FolderKind.TEAM and f.depth >= 3 and f.id not in has_children
        if leaf and not special and rng.random() < 0.005:
            f.deleted = True
    return folders


def _rules(rules, members) -> list | None:
    """[(role, can_write)] with member indexes (1-based) turned into Membership ids: [(role, member, w)]."""
    if rules is None:
        return None
    out = []
    for who, can_write in rules:
        if isinstance(who, int):
            out.append(("", members[who - 1].pk, can_write))
        else:
            out.append((str(who), None, can_write))
    return list({(r or m): (r, m, w) for r, m, w in out}.values())


@dataclass
class DocPlan:
    """The documents as parallel lists (200,000 of them: lists are lighter than objects)."""

    folder: list = field(default_factory=list)  # F
    category: list = field(default_factory=list)
    ext: list = field(default_factory=list)
    name: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    versions: list = field(default_factory=list)
    first_version: list = field(default_factory=list)  # id of version 1 (ids are consecutive)
    creator: list = field(default_factory=list)
    description: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    text: list = field(default_factory=list)  # TextStatus of the current version
    planted: list = field(default_factory=list)  # the planted sentences of its text
    deleted: list = field(default_factory=list)


def plan_documents(rng, size: Size, folders: list[F], members, customers, now: dt.datetime) -> DocPlan:
    by_name = {f.name: f for f in folders}
    rep, colleague = members[4], members[5]
    owner_of = {c.pk: c.owner_id for c in customers}
    eligible = [f for f in folders if f.kind != FolderKind.CUSTOMERS]
    n = size.documents
    fixed = {  # the folders the bench opens get a known share
        by_name[BIG_FOLDER].id: max(150, int(n * 0.025)),
        by_name[KEY_ACCOUNTS].id: max(60, int(n * 0.0015)),
        by_name[FINANCE_SLIPS].id: max(60, int(n * 0.001)),
        by_name[DEEP_LEAF].id: max(60, int(n * 0.0006)),
        by_name[SINGLE_FOLDER].id: 1,
    }
    rep_folder = next(
        f for f in folders if f.kind == FolderKind.CUSTOMER and owner_of[f.customer_id] == rep.pk
    )
    colleague_folder = next(
        f for f in folders if f.kind == FolderKind.CUSTOMER and owner_of[f.customer_id] == colleague.pk
    )
    fixed[rep_folder.id] = max(60, int(n * 0.001))
    fixed[colleague_folder.id] = max(60, int(n * 0.001))
    others = [f for f in eligible if f.id not in fixed]
    weights = []
    for f in others:
        w = 0.0 if rng.random() < 0.3 else rng.lognormvariate(0, 1.3)
        if f.kind == FolderKind.CUSTOMER or f.customer_id is not None:
            w *= 0.6
        weights.append(w)
    placed = [
        f for f_id, k in fixed.items() for f in [next(x for x in folders if x.id == f_id)] for _ in range(k)
    ]
    placed += pick_weighted(rng, others, weights, n - len(placed))

    writers = [m for m in members if m.role in WRITERS]
    writer_weights = [WRITERS[m.role] for m in writers]
    plan = DocPlan()
    for i, f in enumerate(placed):
        theme = THEMES[f.theme]
        category = rng.choices(list(theme), weights=list(theme.values()))[0]
        patterns, exts = CATEGORIES[category]
        ext = rng.choices(list(exts), weights=list(exts.values()))[0]
        if f.name == BIG_FOLDER:
            category, ext, patterns = "customs", "pdf", ["报关单 {no}", "出口报关单 Export declaration {no}"]
        low = max(f.created, now - dt.timedelta(days=365 * YEARS))
        created = low + (now - low) * (1 - rng.random() ** 1.6)
        values = {
            "no": f"{created.year}-{i + 1:06d}",
            "order": f"SC-{created.year}-{i + 1:06d}",
            "line": rng.choice(LINES),
            "model": rng.choice(MODELS),
            "short": rng.choice(SHORTS),
            "n": rng.randint(1, 5),
        }
        stem = rng.choice(patterns).format(**values)
        name, _key = unique_name(f.doc_names, f"{stem}.{ext}")
        plan.folder.append(f)
        plan.category.append(category)
        plan.ext.append(ext)
        plan.name.append(name)
        plan.created.append(created)
        plan.creator.append(rng.choices(writers, weights=writer_weights)[0].pk)
        plan.description.append(rng.choice(DESCRIPTIONS) if rng.random() < 0.15 else "")
        tags = rng.sample(TAGS, rng.randint(1, 3)) if rng.random() < 0.25 else []
        plan.tags.append(sorted(tags, key=str.casefold))  # as document_reindex reads them: by name_key
        plan.deleted.append(f.deleted or (rng.random() < 0.01 and f.id not in fixed))

    # Versions: one each, the rest to documents that change (contracts, quotations, catalogs, templates).
    changing = {"contract": 4, "quotation": 4, "catalog": 3, "template": 3, "packing": 1.5, "notes": 1.5}
    counts = [1] * n
    weights = [changing.get(c, 0.6) * rng.paretovariate(1.8) for c in plan.category]
    for i, extra in Counter(pick_weighted(rng, range(n), weights, size.versions - n)).items():
        counts[i] += extra
    for i in range(n):
        counts[i] = min(counts[i], 40)  # a long tail, but no 300-version catalogue
    shortfall = size.versions - sum(counts)
    small = [i for i in range(n) if counts[i] < 40]
    for i in pick_weighted(rng, small, [1.0] * len(small), shortfall):
        counts[i] += 1
    plan.versions = counts
    for i in range(n):
        age = now - plan.created[i]
        plan.updated.append(plan.created[i] + age * (rng.random() ** 2 if counts[i] > 1 else 0))

    # Text: the current versions of readable documents, bar scans, up to the 100,000.
    candidates = [
        i for i in range(n) if plan.ext[i] in READABLE and not (plan.ext[i] == "pdf" and rng.random() < 0.2)
    ]
    single = placed.index(by_name[SINGLE_FOLDER])
    with_text = set(rng.sample(candidates, min(size.texts, len(candidates))))
    with_text.add(single)
    if len(with_text) > size.texts:
        with_text.discard(next(i for i in with_text if i != single))
    share = len(with_text) / n
    for i in range(n):
        if i in with_text:
            plan.text.append(TextStatus.DONE)
            planted = [s for s, p in TERMS.values() if rng.random() < p / share]
            if i == single:
                planted.append(SINGLE_SENTENCE)
            plan.planted.append(planted)
        else:
            plan.text.append(TextStatus.NO_TEXT if plan.ext[i] in READABLE else TextStatus.NOT_SEARCHED)
            plan.planted.append([])
    return plan


class Texts:
    """The text read from a document's current version: the same text every time it is asked for (made
    twice — for the version's row and for the document's search text — rather than kept in memory)."""

    def __init__(self, seed: int, pools: dict[str, list[str]], customer_names: dict[int, str]):
        self.seed, self.pools, self.customer_names = seed, pools, customer_names
        self.any = pools["any"]

    def text(self, plan: DocPlan, i: int) -> str:
        r = random.Random(self.seed * 1_000_003 + i)
        length = min(8000, max(300, int(r.lognormvariate(7.0, 0.75))))  # median ~1,100 characters
        own = self.pools.get(plan.category[i]) or self.any
        f = plan.folder[i]
        parts = [plan.name[i].rsplit(".", 1)[0]]
        if f.customer_id is not None:
            parts.append(f"Buyer 客户: {self.customer_names[f.customer_id]}.")
        total = sum(len(p) for p in parts)
        while total < length:
            batch = r.choices(own, k=12) + r.choices(self.any, k=4)
            for sentence in batch:
                parts.append(sentence)
                total += len(sentence) + 1
                if total >= length:
                    break
        for sentence in plan.planted[i]:
            parts.insert(r.randrange(1, len(parts) + 1), sentence)
        return " ".join(" ".join(parts).split())  # as extraction.py keeps it


# --- writing -----------------------------------------------------------------------------------------------

STORED_COLUMNS = [
    "id",
    "public_id",
    "created_at",
    "updated_at",
    "workspace_id",
    "storage_name",
    "original_name",
    "size",
    "content_type",
    "sha256",
    "uploaded_by_id",
]
VERSION_COLUMNS = [
    "id",
    "public_id",
    "created_at",
    "updated_at",
    "workspace_id",
    "document_id",
    "number",
    "file_id",
    "comment",
    "created_by_id",
    "text",
    "text_status",
    "thumbnail_id",
]
DOCUMENT_COLUMNS = [
    "id",
    "public_id",
    "created_at",
    "updated_at",
    "workspace_id",
    "folder_id",
    "name",
    "name_key",
    "description",
    "current_id",
    "version_count",
    "search_text",
    "created_by_id",
    "deleted_at",
    "deleted_by_id",
]
FOLDER_COLUMNS = [
    "id",
    "public_id",
    "created_at",
    "updated_at",
    "workspace_id",
    "parent_id",
    "path",
    "name",
    "name_key",
    "kind",
    "customer_id",
    "order_id",
    "restricted",
    "guard_id",
    "created_by_id",
    "deleted_at",
    "deleted_by_id",
]
COMMENTS = [
    "",
    "",
    "",
    "客户修改后",
    "updated prices",
    "signed copy",
    "修改交期",
    "new artwork",
    "final",
    "typo fixed",
]


def write_folders(w: Writer, ws: Workspace, folders: list[F], now: dt.datetime, rng) -> dict:
    deleted_at = {f.id: now - dt.timedelta(days=rng.randint(1, 20)) for f in folders if f.deleted}

    def rows():
        for f in folders:
            gone = deleted_at.get(f.id)
            yield (
                f.id,
                w.uuid(new_uuid()),
                w.dt(f.created),
                w.dt(gone or f.created),
                ws.id,
                f.parent.id if f.parent else None,
                f.path,
                f.name,
                f.name.casefold(),
                f.kind,
                f.customer_id,
                None,
                f.rules is not None,
                f.guard,
                f.creator,
                w.dt(gone),
                f.creator if gone else None,
            )

    w.insert(Folder, FOLDER_COLUMNS, rows())

    def access():
        for f in folders:
            for role, member, can_write in f.rules or ():
                yield (
                    w.uuid(new_uuid()),
                    w.dt(f.created),
                    w.dt(f.created),
                    ws.id,
                    f.id,
                    role,
                    member,
                    can_write,
                )

    w.insert(
        FolderAccess,
        [
            "public_id",
            "created_at",
            "updated_at",
            "workspace_id",
            "folder_id",
            "role",
            "membership_id",
            "can_write",
        ],
        access(),
    )
    return deleted_at


def write_documents(w: Writer, ws: Workspace, plan: DocPlan, texts: Texts, rng, now, deleted_folders: dict):
    n = len(plan.name)
    first_doc = next_id(Document)
    first_version = next_id(DocumentVersion)
    first_file = next_id(StoredFile)
    total_versions = sum(plan.versions)
    vid = first_version
    for i in range(n):
        plan.first_version.append(vid)
        vid += plan.versions[i]
    # Thumbnails (a StoredFile each) after the versions' files: current versions of images and most PDFs.
    thumbs = {}
    next_thumb = first_file + total_versions
    for i in range(n):
        if plan.ext[i] in THUMBNAILED and (plan.ext[i] != "pdf" or rng.random() < 0.8):
            thumbs[i] = next_thumb
            next_thumb += 1

    def version_times(i: int) -> list[dt.datetime]:
        r = random.Random(i * 7919 + 17)
        k, created, updated = plan.versions[i], plan.created[i], plan.updated[i]
        middle = sorted(created + (updated - created) * r.random() for _ in range(max(0, k - 2)))
        return [created, *middle, updated][-k:] if k > 1 else [updated]

    def creators(i: int) -> list[int]:
        r = random.Random(i * 104729 + 3)
        own = plan.creator[i]
        return [
            own if j == 0 or r.random() < 0.6 else plan.creator[r.randrange(n)]
            for j in range(plan.versions[i])
        ]

    started = time.monotonic()

    def files():
        for i in range(n):
            ctype, median = TYPES[plan.ext[i]]
            times, who = version_times(i), creators(i)
            size_r = random.Random(i)
            for j in range(plan.versions[i]):
                public = new_uuid()
                size = max(200, int(median * size_r.lognormvariate(0, 0.8)))
                yield (
                    plan.first_version[i] - first_version + first_file + j,
                    w.uuid(public),
                    w.dt(times[j]),
                    w.dt(times[j]),
                    ws.id,
                    f"w/{ws.id}/files/{public.hex[:2]}/{public.hex}",
                    plan.name[i],
                    size,
                    ctype,
                    f"{ID_RANDOM.getrandbits(256):064x}",
                    who[j],
                )
            if i in thumbs:
                public = new_uuid()
                stem = plan.name[i].rsplit(".", 1)[0]
                yield (
                    thumbs[i],
                    w.uuid(public),
                    w.dt(times[-1]),
                    w.dt(times[-1]),
                    ws.id,
                    f"w/{ws.id}/files/{public.hex[:2]}/{public.hex}",
                    f"{stem}-thumbnail.jpg"[:255],
                    size_r.randint(6_000, 30_000),
                    "image/jpeg",
                    f"{ID_RANDOM.getrandbits(256):064x}",
                    who[-1],
                )

    w.insert(StoredFile, STORED_COLUMNS, files())
    print(
        f"  stored files: {w.rows[StoredFile._meta.db_table]:,} rows, {time.monotonic() - started:.1f}s",
        flush=True,
    )

    frequencies = Counter()
    # Versions and documents point at each other: one transaction, the foreign keys checked at its end.
    with transaction.atomic():
        started = time.monotonic()

        def versions():
            for i in range(n):
                times, who = version_times(i), creators(i)
                k = plan.versions[i]
                r = random.Random(i * 31 + 5)
                for j in range(k):
                    current = j == k - 1
                    if current:
                        status = plan.text[i]
                        text = texts.text(plan, i) if status == TextStatus.DONE else ""
                    else:
                        status = TextStatus.NO_TEXT if plan.ext[i] in READABLE else TextStatus.NOT_SEARCHED
                        text = ""
                    yield (
                        plan.first_version[i] + j,
                        w.uuid(new_uuid()),
                        w.dt(times[j]),
                        w.dt(times[j]),
                        ws.id,
                        first_doc + i,
                        j + 1,
                        plan.first_version[i] - first_version + first_file + j,
                        r.choice(COMMENTS) if j else "",
                        who[j],
                        text,
                        status,
                        thumbs.get(i) if current else None,
                    )
                if i and i % 50_000 == 0:
                    print(f"    versions of {i:,} documents: {time.monotonic() - started:.1f}s", flush=True)

        w.insert(DocumentVersion, VERSION_COLUMNS, versions())
        print(f"  versions: {total_versions:,} rows, {time.monotonic() - started:.1f}s", flush=True)
        started = time.monotonic()

        def documents():
            for i in range(n):
                text = texts.text(plan, i) if plan.text[i] == TextStatus.DONE else ""
                name = plan.name[i]
                doc = SimpleNamespace(name=name, description=plan.description[i])
                search_text = document_search_text(doc, plan.tags[i], text)
                gone = None
                if plan.deleted[i]:
                    gone = deleted_folders.get(plan.folder[i].id) or now - dt.timedelta(days=i % 25 + 1)
                else:
                    for term in COUNTED_TERMS:
                        if term in search_text:
                            frequencies[term] += 1
                yield (
                    first_doc + i,
                    w.uuid(new_uuid()),
                    w.dt(plan.created[i]),
                    w.dt(plan.updated[i]),
                    ws.id,
                    plan.folder[i].id,
                    name,
                    name.casefold(),
                    plan.description[i],
                    plan.first_version[i] + plan.versions[i] - 1,
                    plan.versions[i],
                    search_text,
                    plan.creator[i],
                    w.dt(gone),
                    plan.creator[i] if gone else None,
                )
                if i and i % 50_000 == 0:
                    print(f"    {i:,} documents: {time.monotonic() - started:.1f}s", flush=True)

        w.insert(Document, DOCUMENT_COLUMNS, documents())
        print(f"  documents: {n:,} rows, {time.monotonic() - started:.1f}s", flush=True)

        def tags():
            for i in range(n):
                for tag in plan.tags[i]:
                    at = w.dt(plan.updated[i])
                    yield (w.uuid(new_uuid()), at, at, ws.id, first_doc + i, tag, tag.casefold())

        w.insert(
            DocumentTag,
            ["public_id", "created_at", "updated_at", "workspace_id", "document_id", "name", "name_key"],
            tags(),
        )
    return frequencies


# --- checks ------------------------------------------------------------------------------------------------


class _RollBack(Exception):
    pass


def check(ws: Workspace, members: list[Membership], rng) -> None:
    """The rows as the app would have them: search text, version counts, who reads which folder."""
    started = time.monotonic()
    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT COUNT(*) FROM library_document d
               WHERE d.workspace_id = %s
                 AND (d.version_count <> (SELECT COUNT(*) FROM library_documentversion v
                                          WHERE v.document_id = d.id)
                      OR d.current_id <> (SELECT MAX(v.id) FROM library_documentversion v
                                          WHERE v.document_id = d.id))""",
            [ws.id],
        )
        if cursor.fetchone()[0]:
            problems.append("documents whose version_count or current version is wrong")
    ids = list(Document.objects.filter(workspace=ws).values_list("pk", flat=True))
    sample = rng.sample(ids, min(300, len(ids)))
    before = dict(Document.objects.filter(pk__in=sample).values_list("pk", "search_text"))
    try:
        with transaction.atomic():
            for d in Document.objects.filter(pk__in=sample):
                document_reindex(d)
            after = dict(Document.objects.filter(pk__in=sample).values_list("pk", "search_text"))
            raise _RollBack
    except _RollBack:
        pass
    differ = [pk for pk in sample if before[pk] != after[pk]]
    if differ:
        problems.append(f"search_text differs from services.document_reindex for {len(differ)} documents")
    for m in (members[4], members[14], members[2], members[21]):
        sql = set(permissions.readable_folders(m).values_list("pk", flat=True))
        every = Folder.objects.filter(workspace=ws, deleted_at__isnull=True).select_related("customer")
        python = {f.pk for f in selectors.readable(m, every)}
        if sql != python:
            problems.append(f"readable_folders and can_read disagree for {m.user.email}: {len(sql ^ python)}")
    if problems:
        raise SystemExit("!! checks failed:\n  " + "\n  ".join(problems))
    print(
        f"Checks passed ({time.monotonic() - started:.1f}s): version counts and current versions; "
        "search text "
        f"= services.documents.document_reindex for {len(sample)} sampled documents (rolled back); "
        "permissions.readable_folders = permissions.can_read on every folder for a rep, a clerk, a manager "
        "and a viewer."
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count (e.g. 0.1)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not 0 < args.scale <= 10:
        parser.error("--scale must be in (0, 10]")
    rng = random.Random(args.seed)
    ID_RANDOM.seed(f"library-{args.seed}")
    started = time.monotonic()
    size = FULL.scaled(args.scale)
    print(f"Database: {database_label()}; scale {args.scale}: {size}")
    drop_workspaces((LIBRARY_SLUG,), email_suffix=EMAIL_SUFFIX)
    now = timezone.now()
    w = Writer()

    step = time.monotonic()
    ws = Workspace.objects.create(
        name="Bench Library 文档库", slug=LIBRARY_SLUG, country="CN", time_zone=ZONE.key, currency="USD"
    )
    workspace_setup(ws)
    members = make_members(ws, now)
    customers = make_customers(rng, members, size.customers)
    folders = plan_folders(rng, size, members, customers, now, next_id(Folder))
    plan = plan_documents(rng, size, folders, members, customers, now)
    print(
        f"Planned {len(folders):,} folders and {len(plan.name):,} documents: {time.monotonic() - step:.1f}s"
    )

    step = time.monotonic()
    deleted_folders = write_folders(w, ws, folders, now, rng)
    pools = Filler(rng, now, [c.name for c in customers]).pools(per_template=60)
    texts = Texts(args.seed, pools, {c.pk: c.name for c in customers})
    print(f"Folders written, sentence pools made: {time.monotonic() - step:.1f}s", flush=True)

    step = time.monotonic()
    DOCUMENT_INDEX.uninstall(connection)  # built once afterwards, as the migration does
    try:
        frequencies = write_documents(w, ws, plan, texts, rng, now, deleted_folders)
    finally:
        index_started = time.monotonic()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET maintenance_work_mem = '512MB'")
        DOCUMENT_INDEX.install(connection)
        print(f"  search index built: {time.monotonic() - index_started:.1f}s")
    print(f"Documents written: {time.monotonic() - step:.1f}s")

    tables = (Folder, FolderAccess, StoredFile, DocumentVersion, Document, DocumentTag)
    reset_sequences(*tables)
    vacuum_analyze(*tables, Customer, Membership, User)
    print("Rows written:")
    for table, count in sorted(w.rows.items()):
        print(f"  {table:32} {count:>10,}")
    live = sum(1 for d in plan.deleted if not d)
    done = sum(1 for s in plan.text if s == TextStatus.DONE)
    restricted = sum(1 for f in folders if f.rules is not None)
    depth = max(f.depth for f in folders)
    print(
        f"Folders: {len(folders):,} ({restricted:,} restricted, "
        f"{sum(f.deleted for f in folders)} in the trash, "
        f"{sum(f.kind == FolderKind.CUSTOMER for f in folders):,} customers' folders, {depth} levels deep); "
        f"documents: {len(plan.name):,} ({len(plan.name) - live:,} in the trash), "
        f"{sum(plan.versions):,} versions, "
        f"text read from {done:,} current versions"
    )
    print("Live documents whose search text holds each term:")
    for term in COUNTED_TERMS:
        print(f"  {term:12} {frequencies[term]:>8,}  {frequencies[term] / live:7.3%}")
    check(ws, members, rng)
    print(
        f"Done in {time.monotonic() - started:.1f}s. Members: member01…member24{EMAIL_SUFFIX}, "
        f"password {PASSWORD}"
    )


if __name__ == "__main__":
    main()
