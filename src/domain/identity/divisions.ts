/**
 * 运城市 reference divisions (GB/T 2260 / NBS 统计用区划代码). See docs: domain-facts §3.
 *
 * Reporting units: the 13 county-level units plus 运城经济技术开发区, which NBS codes as a township-level
 * unit (140802404) under 盐湖区 but city reports list as its own row (§3.2). Whether the zone is also counted
 * inside 盐湖区 totals is a local convention [unverified]; `parentCode` lets a report do either.
 */

export const YUNCHENG = { code: '140800', name: '运城市', nameEn: 'Yuncheng', population: 4_774_508 } as const;

export type ReportingUnitKind = 'district' | 'county' | 'city' | 'zone';

export type ReportingUnit = {
  /** 6-digit county code, or the 9-digit NBS township code for the development zone. */
  code: string;
  name: string;
  nameEn: string;
  kind: ReportingUnitKind;
  /**
   * 2020 census (七普) resident population, from rounded 万人 figures (approximate, domain-facts §3.1).
   * null for the development zone: no census figure was found and its residents are counted in 盐湖区.
   */
  population: number | null;
  /** 140800 for counties; 140802 (盐湖区) for the zone. */
  parentCode: string;
  isDevelopmentZone: boolean;
};

export const YUNCHENG_ETDZ_CODE = '140802404';

export const REPORTING_UNITS: readonly ReportingUnit[] = [
  { code: '140802', name: '盐湖区', nameEn: 'Yanhu District', kind: 'district', population: 928_300, parentCode: '140800', isDevelopmentZone: false },
  { code: '140821', name: '临猗县', nameEn: 'Linyi County', kind: 'county', population: 482_600, parentCode: '140800', isDevelopmentZone: false },
  { code: '140822', name: '万荣县', nameEn: 'Wanrong County', kind: 'county', population: 362_000, parentCode: '140800', isDevelopmentZone: false },
  { code: '140823', name: '闻喜县', nameEn: 'Wenxi County', kind: 'county', population: 355_300, parentCode: '140800', isDevelopmentZone: false },
  { code: '140824', name: '稷山县', nameEn: 'Jishan County', kind: 'county', population: 316_100, parentCode: '140800', isDevelopmentZone: false },
  { code: '140825', name: '新绛县', nameEn: 'Xinjiang County', kind: 'county', population: 282_200, parentCode: '140800', isDevelopmentZone: false },
  { code: '140826', name: '绛县', nameEn: 'Jiang County', kind: 'county', population: 226_900, parentCode: '140800', isDevelopmentZone: false },
  { code: '140827', name: '垣曲县', nameEn: 'Yuanqu County', kind: 'county', population: 197_800, parentCode: '140800', isDevelopmentZone: false },
  { code: '140828', name: '夏县', nameEn: 'Xia County', kind: 'county', population: 287_900, parentCode: '140800', isDevelopmentZone: false },
  { code: '140829', name: '平陆县', nameEn: 'Pinglu County', kind: 'county', population: 205_100, parentCode: '140800', isDevelopmentZone: false },
  { code: '140830', name: '芮城县', nameEn: 'Ruicheng County', kind: 'county', population: 342_900, parentCode: '140800', isDevelopmentZone: false },
  { code: '140881', name: '永济市', nameEn: 'Yongji City', kind: 'city', population: 394_900, parentCode: '140800', isDevelopmentZone: false },
  { code: '140882', name: '河津市', nameEn: 'Hejin City', kind: 'city', population: 392_600, parentCode: '140800', isDevelopmentZone: false },
  {
    code: YUNCHENG_ETDZ_CODE,
    name: '运城经济技术开发区',
    nameEn: 'Yuncheng Economic and Technological Development Zone',
    kind: 'zone',
    population: null,
    parentCode: '140802',
    isDevelopmentZone: true,
  },
];

export type Township = { code: string; name: string; countyCode: string };

/**
 * Township-level units (乡级, NBS 2020-06-30 edition, 166 units). Includes 140802404 运城经济技术开发区
 * under 盐湖区, because that is where NBS puts it and zone residents need it as their township; code that
 * wants 盐湖区 proper should leave out YUNCHENG_ETDZ_CODE. Codes 4xx are 类似乡级单位 (zones, farms, communities).
 */
export const TOWNSHIPS: readonly Township[] = Object.entries({
  '140802':
    '001 中城街道,002 东城街道,003 西城街道,004 南城街道,005 北城街道,006 安邑街道,007 大渠街道,008 姚孟街道,100 解州镇,101 龙居镇,102 北相镇,103 泓芝驿镇,104 三路里镇,105 陶村镇,106 东郭镇,200 席张乡,201 金井乡,202 王范乡,203 冯村乡,204 上郭乡,205 上王乡,404 运城经济技术开发区',
  '140821':
    '100 猗氏镇,101 嵋阳镇,102 临晋镇,103 七级镇,104 东张镇,105 孙吉镇,106 三管镇,107 牛杜镇,108 耽子镇,200 楚侯乡,201 庙上乡,202 角杯乡,203 北辛乡,204 北景乡,402 临猗县城市社区',
  '140822': '100 解店镇,101 通化镇,102 汉薛镇,103 荣河镇,104 裴庄镇,200 万泉乡,201 里望乡,202 西村乡,203 南张乡,204 高村乡,205 皇甫乡,206 贾村乡,207 王显乡,208 光华乡',
  '140823': '100 桐城镇,101 郭家庄镇,102 畖底镇,103 薛店镇,104 东镇镇,105 礼元镇,106 河底镇,200 神柏乡,201 阳隅乡,202 侯村乡,203 裴社乡,204 后宫乡,205 石门乡,400 闻喜县社区',
  '140824': '100 稷峰镇,101 西社镇,102 化峪镇,103 翟店镇,104 清河镇,200 蔡村乡,201 太阳乡,400 稷山县社区,401 稷山县经济技术开发区',
  '140825': '100 龙兴镇,101 三泉镇,102 泽掌镇,103 北张镇,104 古交镇,105 万安镇,106 阳王镇,107 泉掌镇,108 横桥镇,400 新绛县社区,498 新绛县经济技术开发区',
  '140826': '100 古绛镇,101 横水镇,102 陈村镇,103 卫庄镇,104 磨里镇,105 南樊镇,106 安峪镇,107 大交镇,200 郝庄乡,201 冷口乡,400 绛县社区,402 山西绛县经济开发区',
  '140827': '100 新城镇,101 历山镇,102 古城镇,103 王茅镇,104 毛家湾镇,105 英言镇,200 蒲掌乡,202 解峪乡,203 华峰乡,204 长直乡,205 皋落乡,400 垣曲县城市社区',
  '140828': '100 瑶峰镇,101 庙前镇,102 裴介镇,103 水头镇,104 埝掌镇,105 泗交镇,200 尉郭乡,201 禹王乡,202 胡张乡,203 南大里乡,204 祁家河乡',
  '140829': '100 圣人涧镇,101 常乐镇,102 张店镇,103 张村镇,104 曹川镇,105 三门镇,200 洪池乡,201 杜马乡,202 部官乡,203 坡底乡,400 平陆县社区',
  '140830': '100 古魏镇,101 风陵渡镇,102 陌南镇,103 西陌镇,104 永乐镇,105 大王镇,106 阳城镇,107 南磑镇,200 东垆乡,202 学张乡,401 芮城县社区,402 山西风陵渡经济开发区',
  '140881': '001 城西街道,002 城北街道,003 城东街道,100 虞乡镇,101 卿头镇,102 开张镇,103 栲栳镇,104 蒲州镇,105 韩阳镇,106 张营镇,400 伍姓湖农场,401 虞乡农场,402 董村农场',
  '140882': '001 城区街道,002 清涧街道,100 樊村镇,101 僧楼镇,102 柴家镇,200 小梁乡,202 赵家庄乡,203 下化乡,204 阳村乡,450 山西铝厂',
}).flatMap(([countyCode, list]) =>
  list.split(',').map((entry) => {
    const [suffix, name] = entry.split(' ') as [string, string];
    return { code: countyCode + suffix, name, countyCode };
  }),
);

/** The reporting unit with this code (6-digit county or 140802404), if any. */
export function findReportingUnit(code: string): ReportingUnit | undefined {
  return REPORTING_UNITS.find((unit) => unit.code === code);
}

/**
 * True for the 6-digit code of one of the 13 current county-level units of 运城市.
 * Earlier or abolished division codes can still appear in older ID numbers (domain-facts §1.5 item 4);
 * they are not recognised here, which only means "not known as Yuncheng", never "invalid".
 */
export function isYunchengAddressCode(code6: string): boolean {
  return REPORTING_UNITS.some((unit) => !unit.isDevelopmentZone && unit.code === code6);
}
