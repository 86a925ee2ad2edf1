"""Words the customers bench (generate_crm.py) builds names and histories from: countries with their
scripts, company and person names per culture (with Latin-script names where the script is not Latin),
tags, products, timeline summaries. Data only."""

# ruff: noqa: E501  (tables of words read better one row per line)
# fmt: off
from tradewind.crm.choices import Channel, Source

# country: (weight, culture, main-zone alternatives for the time_zone override)
COUNTRIES = {
    "CN": (12, "zh", ()),
    "DE": (7, "de", ()),
    "AT": (1, "de", ()),
    "CH": (1, "de", ()),
    "US": (9, "en", ("America/Chicago", "America/Los_Angeles")),
    "GB": (4, "en", ()),
    "CA": (2, "en", ("America/Vancouver",)),
    "AU": (2, "en", ("Australia/Perth",)),
    "IN": (4, "en", ()),
    "ZA": (1, "en", ()),
    "NG": (1, "en", ()),
    "FR": (4, "fr", ()),
    "IT": (3, "it", ()),
    "ES": (3, "es", ()),
    "MX": (3, "es", ()),
    "AR": (1, "es", ()),
    "CL": (1, "es", ()),
    "BR": (4, "pt", ("America/Manaus",)),
    "PL": (3, "pl", ()),
    "CZ": (1, "cs", ()),
    "TR": (3, "tr", ()),
    "SE": (1, "sv", ()),
    "NL": (2, "nl", ()),
    "RU": (5, "ru", ("Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok")),
    "KZ": (1, "ru", ()),
    "UA": (2, "uk", ()),
    "AE": (4, "ar", ()),
    "SA": (3, "ar", ()),
    "EG": (2, "ar", ()),
    "JP": (2, "ja", ()),
    "KR": (2, "ko", ()),
    "VN": (2, "vi", ()),
    "TH": (1, "en", ()),
    "ID": (1, "en", ()),
    "MY": (1, "en", ()),
    "PK": (1, "en", ()),
    "BD": (1, "en", ()),
}
COUNTRY_CODES = list(COUNTRIES)
COUNTRY_WEIGHTS = [COUNTRIES[c][0] for c in COUNTRY_CODES]
TLD = {
    "CN": "cn", "DE": "de", "AT": "at", "CH": "ch", "US": "com", "GB": "co.uk", "CA": "ca", "AU": "com.au",
    "IN": "in", "ZA": "co.za", "NG": "ng", "FR": "fr", "IT": "it", "ES": "es", "MX": "com.mx",
    "AR": "com.ar", "CL": "cl", "BR": "com.br", "PL": "pl", "CZ": "cz", "TR": "com.tr", "SE": "se",
    "NL": "nl", "RU": "ru", "KZ": "kz", "UA": "ua", "AE": "ae", "SA": "sa", "EG": "eg", "JP": "co.jp",
    "KR": "co.kr", "VN": "vn", "TH": "co.th", "ID": "co.id", "MY": "com.my", "PK": "pk", "BD": "com.bd",
}
CITIES = {
    "CN": ["宁波", "义乌", "深圳", "广州", "上海", "杭州", "苏州", "厦门", "青岛", "东莞", "佛山", "温州", "天津", "无锡"],
    "DE": ["Hamburg", "München", "Köln", "Düsseldorf", "Stuttgart", "Nürnberg", "Bremen", "Frankfurt am Main"],
    "AT": ["Wien", "Graz", "Linz"],
    "CH": ["Zürich", "Genève", "Basel"],
    "US": ["New York", "Los Angeles", "Chicago", "Houston", "Miami", "Seattle", "Atlanta"],
    "GB": ["London", "Manchester", "Birmingham", "Leeds"],
    "FR": ["Paris", "Lyon", "Marseille", "Lille", "Nîmes", "Besançon"],
    "IT": ["Milano", "Torino", "Napoli", "Forlì"],
    "ES": ["Madrid", "Barcelona", "Valencia", "Málaga", "Córdoba"],
    "MX": ["Ciudad de México", "Monterrey", "Guadalajara", "Querétaro"],
    "BR": ["São Paulo", "Rio de Janeiro", "Curitiba", "Florianópolis", "Belém"],
    "PL": ["Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań"],
    "TR": ["İstanbul", "İzmir", "Bursa", "Gaziantep", "Kayseri"],
    "RU": ["Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань"],
    "UA": ["Київ", "Одеса", "Харків", "Львів"],
    "AE": ["دبي", "الشارقة", "أبوظبي"],
    "SA": ["الرياض", "جدة", "الدمام"],
    "EG": ["القاهرة", "الإسكندرية"],
    "JP": ["東京", "大阪", "名古屋"],
    "KR": ["서울", "부산", "인천"],
    "VN": ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng"],
}
SYL_A = ["Nor", "Ver", "Alt", "Bel", "Cor", "Dal", "Ex", "Fal", "Gal", "Hel", "Ix", "Jen", "Kor", "Lum",
         "Mar", "Nov", "Or", "Pan", "Quin", "Ros", "Sol", "Tor", "Ul", "Val", "Wes", "Xan", "Yor", "Zen"]
SYL_B = ["dex", "tra", "ion", "ava", "ico", "tec", "ora", "ex", "ium", "an", "ell", "ix", "one", "ara",
         "um", "ino"]
EN_WORDS = ["Global", "Pacific", "Atlantic", "Summit", "Pioneer", "Liberty", "Eagle", "Northern", "Golden",
            "Premier", "United", "Coastal", "Evergreen", "Keystone", "Sterling"]
EN_INDUSTRY = ["Trading", "Supplies", "Imports", "Industries", "Hardware", "Home Goods", "Electronics",
               "Packaging", "Apparel", "Tools", "Distribution", "Sourcing", "Lighting", "Furniture"]
EN_FORMS = {"US": ["Inc.", "LLC", "Corp.", "Co."], "GB": ["Ltd", "Limited", "PLC"], "AU": ["Pty Ltd"],
            "IN": ["Pvt. Ltd.", "Private Limited"], "default": ["Ltd.", "Co., Ltd.", "Inc.", "LLC"]}
LATIN = {  # culture: (surnames, industries, legal forms)
    "de": (["Müller", "Schäfer", "Köhler", "Bäcker", "Würth", "Jäger", "Krüger", "Schröder", "Löwe", "Hübner",
            "Böhm", "Fuchs", "Wagner", "Becker", "Hoffmann", "Weiß", "Zimmermann", "Schmitz", "König", "Bräuer",
            "Groß", "Vögele", "Dürr", "Mößner"],
           ["Maschinenbau", "Handelsgesellschaft", "Elektrotechnik", "Metallwaren", "Kunststofftechnik",
            "Werkzeuge", "Logistik", "Textil", "Möbel", "Lebensmittel", "Verpackung", "Import-Export"],
           ["GmbH", "GmbH & Co. KG", "AG", "e.K.", "KG", "G.m.b.H."]),
    "fr": (["Dubois", "Lefèvre", "Moreau", "Bérénger", "Girard", "Fontaine", "Rousseau", "Lemaître", "Mercier",
            "Gauthier", "Chevalier", "Leclerc", "Boucher", "Régnier"],
           ["Équipements", "Négoce", "Import-Export", "Matériaux", "Électricité", "Textiles", "Emballages",
            "Distribution"],
           ["SARL", "SAS", "S.A.", "S.A.R.L."]),
    "it": (["Rossi", "Bianchi", "Ricci", "Galli", "Colombo", "Bruno", "Esposito", "Romano", "Fabbri", "Niccolò"],
           ["Forniture Industriali", "Import Export", "Tessuti", "Meccanica", "Arredamenti", "Imballaggi"],
           ["S.r.l.", "S.p.A.", "SRL"]),
    "es": (["García", "Martínez", "Rodríguez", "Fernández", "López", "Sánchez", "Pérez", "Gómez", "Núñez",
            "Muñoz", "Ibáñez", "Peña"],
           ["Importaciones", "Comercial", "Distribuciones", "Suministros Industriales", "Ferretería", "Textiles"],
           ["S.L.", "S.A.", "S.A. de C.V.", "S.R.L."]),
    "pt": (["Conceição", "Gonçalves", "Araújo", "Magalhães", "Simões", "Brandão", "Assunção", "Falcão"],
           ["Importação e Exportação", "Comércio", "Distribuidora", "Ferragens", "Têxtil"],
           ["Ltda", "S.A.", "EIRELI"]),
    "pl": (["Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Dąbrowski", "Zieliński",
            "Szymański", "Woźniak", "Kozłowski", "Mazur", "Król"],
           ["Handel", "Przemysł", "Hurtownia", "Tekstylia", "Narzędzia", "Opakowania"],
           ["Sp. z o.o.", "S.A.", "sp. z o.o."]),
    "cs": (["Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Růžička"],
           ["Obchod", "Strojírna", "Textil", "Nářadí"], ["s.r.o.", "a.s."]),
    "tr": (["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan",
            "Doğan", "Kılıç"],
           ["Tekstil", "Dış Ticaret", "Makine", "Ambalaj", "İnşaat", "Gıda"],
           ["Ltd. Şti.", "A.Ş.", "San. ve Tic. Ltd. Şti."]),
    "sv": (["Åkesson", "Sjöström", "Bäckström", "Lindqvist", "Öberg", "Ström"],
           ["Handel", "Industri", "Verktyg"], ["AB"]),
    "nl": (["van der Berg", "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit"],
           ["Handelsonderneming", "Techniek", "Import", "Verpakkingen"], ["B.V.", "N.V."]),
}
ZH_CHARS = [("海", "Hai"), ("天", "Tian"), ("华", "Hua"), ("美", "Mei"), ("金", "Jin"), ("达", "Da"),
            ("鑫", "Xin"), ("源", "Yuan"), ("恒", "Heng"), ("通", "Tong"), ("宏", "Hong"), ("永", "Yong"),
            ("盛", "Sheng"), ("东", "Dong"), ("方", "Fang"), ("远", "Yuan"), ("航", "Hang"), ("瑞", "Rui"),
            ("丰", "Feng"), ("新", "Xin"), ("宇", "Yu"), ("泰", "Tai"), ("嘉", "Jia"), ("佳", "Jia"),
            ("德", "De"), ("利", "Li"), ("兴", "Xing"), ("隆", "Long"), ("富", "Fu"), ("安", "An"),
            ("明", "Ming"), ("光", "Guang"), ("中", "Zhong"), ("科", "Ke"), ("创", "Chuang"), ("联", "Lian"),
            ("凯", "Kai"), ("博", "Bo"), ("顺", "Shun"), ("发", "Fa")]
ZH_CITIES = {"宁波": "Ningbo", "义乌": "Yiwu", "深圳": "Shenzhen", "广州": "Guangzhou", "上海": "Shanghai",
             "杭州": "Hangzhou", "苏州": "Suzhou", "厦门": "Xiamen", "青岛": "Qingdao", "东莞": "Dongguan",
             "佛山": "Foshan", "温州": "Wenzhou", "天津": "Tianjin", "无锡": "Wuxi"}
ZH_INDUSTRY = [("贸易", "Trading"), ("进出口", "Import & Export"), ("实业", "Industrial"), ("科技", "Technology"),
               ("五金", "Hardware"), ("纺织", "Textile"), ("电子", "Electronics"), ("机械", "Machinery"),
               ("家居用品", "Homeware"), ("包装材料", "Packaging"), ("照明", "Lighting"), ("服饰", "Garments"),
               ("塑胶制品", "Plastic Products"), ("工艺品", "Crafts")]
ZH_FORMS = ["有限公司"] * 6 + ["股份有限公司", "集团有限公司", "有限责任公司"]
RU_BRANDS = [("Ромашка", "Romashka"), ("Север", "Sever"), ("Восток", "Vostok"), ("Альянс", "Alyans"),
             ("Техснаб", "Tekhsnab"), ("Стройторг", "Stroytorg"), ("Энергия", "Energiya"), ("Импульс", "Impuls"),
             ("Меридиан", "Meridian"), ("Гранит", "Granit"), ("Сибирь", "Sibir"), ("Волга", "Volga"),
             ("Уралснаб", "Uralsnab"), ("Феникс", "Feniks"), ("Орион", "Orion"), ("Вектор", "Vektor"),
             ("Атлант", "Atlant"), ("Прогресс", "Progress")]
RU_INDUSTRY = [("Трейд", "Trade"), ("Импорт", "Import"), ("Снаб", "Snab"), ("Логистик", "Logistik"),
               ("Текстиль", "Tekstil"), ("Инструмент", "Instrument"), ("Пласт", "Plast"), ("Электро", "Elektro"),
               ("Маркет", "Market"), ("Групп", "Group")]
RU_FORMS = {"ru": [("ООО", "LLC"), ("АО", "JSC"), ("ПАО", "PJSC")], "uk": [("ТОВ", "LLC"), ("ПрАТ", "PJSC")]}
AR_BRANDS = [("النور", "Al Noor"), ("الفجر", "Al Fajr"), ("الخليج", "Al Khaleej"), ("الأمل", "Al Amal"),
             ("السلام", "Al Salam"), ("الرواد", "Al Rowad"), ("البركة", "Al Baraka"), ("الصفوة", "Al Safwa"),
             ("الهدى", "Al Huda"), ("الزهراء", "Al Zahraa"), ("المستقبل", "Al Mustaqbal"), ("النخبة", "Al Nukhba"),
             ("الريان", "Al Rayyan"), ("الواحة", "Al Waha"), ("الشروق", "Al Shorouk"), ("الماسة", "Al Masa")]
AR_INDUSTRY = [("للتجارة", "Trading"), ("للاستيراد والتصدير", "Import & Export"), ("للتجارة العامة", "General Trading"),
               ("للمقاولات", "Contracting"), ("للإلكترونيات", "Electronics"), ("للأقمشة", "Textiles"),
               ("للمواد الغذائية", "Foodstuff"), ("للأدوات المنزلية", "Household Items")]
AR_FORMS = [("شركة", "LLC"), ("مؤسسة", "Est."), ("مجموعة", "Group")]
JA_NAMES = [("山田", "Yamada"), ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"),
            ("伊藤", "Ito"), ("渡辺", "Watanabe"), ("中村", "Nakamura"), ("小林", "Kobayashi"), ("加藤", "Kato")]
JA_INDUSTRY = [("商事", "Shoji"), ("産業", "Sangyo"), ("工業", "Kogyo"), ("物産", "Bussan"), ("貿易", "Boeki"),
               ("電機", "Denki")]
KO_BRANDS = [("한빛", "Hanbit"), ("대한", "Daehan"), ("미래", "Mirae"), ("신성", "Sinseong"), ("동방", "Dongbang"),
             ("우리", "Uri"), ("세진", "Sejin"), ("태양", "Taeyang"), ("한솔", "Hansol"), ("새롬", "Saerom")]
KO_INDUSTRY = [("무역", "Trading"), ("산업", "Industrial"), ("전자", "Electronics"), ("물산", "Mulsan"),
               ("상사", "Sangsa")]
VI_BRANDS = ["Hòa Phát", "Minh Anh", "Thành Công", "Đại Việt", "Phương Nam", "Hưng Thịnh", "Trường Sơn",
             "Ánh Dương", "Bảo Ngọc", "Quốc Tuấn", "Việt Tiến", "Đông Á"]
VI_INDUSTRY = [("Thương mại", "Trading"), ("Xuất nhập khẩu", "Import Export"), ("Dệt may", "Garment"),
               ("Điện tử", "Electronics"), ("Nội thất", "Furniture")]

PERSON = {  # culture: (given names, family names, latin-for-email or None when already Latin)
    "zh": (["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明"],
           ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"]),
    "ru": (["Иван", "Сергей", "Алексей", "Дмитрий", "Ольга", "Наталья", "Елена", "Анна", "Михаил", "Юлия"],
           ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Фёдоров"]),
    "uk": (["Олександр", "Андрій", "Олена", "Оксана", "Тарас", "Ірина"],
           ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник"]),
    "ar": (["محمد", "أحمد", "علي", "فاطمة", "خالد", "عمر", "يوسف", "مريم", "سارة", "حسن"],
           ["العلي", "الحربي", "القحطاني", "الشمري", "المنصوري", "الهاشمي", "النعيمي", "الكعبي"]),
    "ja": (["太郎", "花子", "健", "由美", "翔", "美咲"], ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤"]),
    "ko": (["민준", "서연", "지훈", "수빈", "현우", "지민"], ["김", "이", "박", "최", "정", "강"]),
    "vi": (["Anh", "Bình", "Châu", "Dũng", "Hương", "Lâm", "Ngọc", "Phúc", "Thảo", "Trung"],
           ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"]),
    "latin": (["Anna", "Thomas", "María", "José", "Łukasz", "Zoë", "François", "Jürgen", "Ayşe", "Björn",
               "Chloé", "Søren", "John", "Sarah", "Michael", "Emily", "Raj", "Priya", "David", "Laura"],
              None),
}
LATIN_PERSON_SURNAMES = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Patel", "Sharma", "Okafor", "Nguyen"]
FREE_MAIL = {"zh": ["qq.com", "163.com", "126.com"], "ru": ["mail.ru", "yandex.ru"], "uk": ["ukr.net", "gmail.com"],
             "default": ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com"]}
TAG_NAMES = ["VIP", "展会客户", "Canton Fair 2026", "samples sent", "price-sensitive", "distributor", "retailer",
             "wholesaler", "amazon-seller", "OEM", "ODM", "Ramadan season", "需要认证", "slow payer",
             "repeat buyer", "competitor's customer", "Hannover Messe", "Big 5 Dubai"]
INDUSTRIES = ["Hardware", "Home & garden", "Electronics", "Textiles", "Packaging", "Lighting", "Furniture",
              "Machinery", "Auto parts", "Toys", "Sporting goods", "Building materials"]
PRODUCTS = ["LED panel lights, 600×600", "Stainless steel cookware sets", "PP woven bags", "Cordless drills 18V",
            "不锈钢保温杯", "Cotton T-shirts 180 gsm", "Solar garden lights", "Bluetooth speakers", "PVC flooring",
            "Hand tools in blister packs"]
SOURCES = [Source.ALIBABA, Source.MADE_IN_CHINA, Source.GLOBAL_SOURCES, Source.WEBSITE, Source.TRADE_FAIR,
           Source.REFERRAL, Source.COLD_OUTREACH, Source.CUSTOMS_DATA, Source.OTHER]
SOURCE_WEIGHTS = [30, 10, 5, 12, 18, 8, 7, 5, 5]
FAIRS = ["Canton Fair autumn 2025, booth 12.1F23", "Canton Fair spring 2026", "Hannover Messe 2026",
         "Big 5 Dubai 2025", "Ambiente Frankfurt 2026", "Global Sources HK"]

# Timeline entries: (channel, weight)
CHANNELS = [(Channel.EMAIL, 30), (Channel.CALL, 24), (Channel.WHATSAPP, 12), (Channel.WECHAT, 5),
            (Channel.MEETING, 5), (Channel.VISIT, 2), (Channel.NOTE, 16), (Channel.OWNERSHIP, 4),
            (Channel.SYSTEM, 2)]
SUMMARIES = {
    Channel.EMAIL: ["Sent the revised quotation (FOB Ningbo) and the catalogue", "Customer asked for MOQ and lead time",
                    "发送了形式发票 PI，等待客户确认", "Followed up on the samples shipped by DHL",
                    "Replied about the carton marks and the barcode labels"],
    Channel.CALL: ["Called the buyer: they compare us with two suppliers in Vietnam", "电话沟通了付款方式，客户要求 30% 定金",
                   "No answer; left a voicemail", "Discussed the price increase for Q3 — they accept 3%"],
    Channel.WHATSAPP: ["Sent photos of the pre-production samples", "Customer confirmed the colours on WhatsApp",
                       "Shared the container loading pictures"],
    Channel.WECHAT: ["微信发了新品目录", "客户在微信上确认了包装方案"],
    Channel.MEETING: ["Video call with purchasing and QA: went through the SGS report", "Met at the Canton Fair booth"],
    Channel.VISIT: ["Visited their warehouse; they need 40HQ every two months", "客户来工厂验货"],
    Channel.NOTE: ["Prefers e-mail before 10:00 their time", "They are moving to a new warehouse in March",
                   "Competitor offered 5% lower; quality complaints last year", "备注：客户对价格很敏感"],
    Channel.OWNERSHIP: ["Claimed from the pool", "Released to the pool", "Assigned",
                        "Returned to the pool: no follow-up logged in time"],
    Channel.SYSTEM: ["Customer created"],
}
OUTCOMES = ["Asked for a new price", "Order expected next month", "Samples approved", "Waiting for their reply",
            "Lost to a competitor on price", "客户同意下单"]
NEXT_STEPS = ["Send the PI", "Call again on Monday", "Ship samples", "Prepare the quotation in EUR",
              "下周跟进样品反馈"]
# fmt: on
# The code each ownership summary above is stored with (crm/timeline_events.py).
OWNERSHIP_EVENTS = {
    "Claimed from the pool": "claimed",
    "Released to the pool": "released",
    "Assigned": "assigned",
    "Returned to the pool: no follow-up logged in time": "returned",
}
