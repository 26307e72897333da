/**
 * Plausible personal details for demo data: Chinese names and mainland mobile numbers.
 * Frequencies are rough and only meant to look natural; nothing here is reference data.
 */
import type { Rng } from './random.ts';

/**
 * Surnames with relative weights: the national top surnames, plus ones that are common in southern Shanxi
 * (郭 薛 卫 柴 畅 吉 贾 裴 解 席 荆 景 …), raised above their national share.
 */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 70], ['李', 68], ['张', 66], ['刘', 54], ['杨', 31], ['赵', 25], ['陈', 25], ['郭', 20], ['薛', 12], ['贾', 12],
  ['孙', 10], ['马', 10], ['高', 10], ['周', 9], ['吴', 8], ['徐', 8], ['胡', 8], ['朱', 8], ['梁', 8], ['卫', 8],
  ['任', 8], ['董', 8], ['冯', 7], ['韩', 7], ['宋', 6], ['郑', 6], ['段', 6], ['柴', 6], ['畅', 5], ['吉', 5],
  ['裴', 6], ['姚', 6], ['史', 5], ['杜', 6], ['闫', 6], ['武', 5], ['侯', 5], ['乔', 4], ['席', 4], ['何', 5],
  ['黄', 5], ['田', 5], ['曹', 4], ['许', 4], ['程', 4], ['秦', 4], ['范', 3], ['苏', 3], ['樊', 3], ['荆', 3],
  ['景', 3], ['解', 3], ['关', 3], ['宁', 3], ['尚', 3], ['申', 3], ['原', 2], ['唐', 3], ['谢', 3], ['罗', 3],
];
const SURNAME_LIST = SURNAMES.map(([name]) => name);
const SURNAME_WEIGHTS = SURNAMES.map(([, weight]) => weight);

const GIVEN_CHARS = {
  M: [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波龙浩宇俊峰建国文志海林晨阳亮凯博昊晋瑞永东兵旭帅健晓宏毅'],
  F: [...'芳娜敏静丽艳娟霞燕玲婷雪慧琳丹红梅莉萍颖倩佳欣悦晶瑶蕾洁琴秀英云月露妍璐晓淑荣'],
} as const;

/** Surname + a one-character (30 %) or two-character (70 %) given name chosen for the gender. */
export function randomChineseName(rng: Rng, gender: 'M' | 'F'): string {
  const surname = rng.weightedPick(SURNAME_LIST, SURNAME_WEIGHTS);
  const chars = GIVEN_CHARS[gender];
  const given = rng.next() < 0.3 ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
  return surname + given;
}

/** Mobile number prefixes (号段) in use by China Mobile, China Unicom and China Telecom. */
export const MOBILE_PREFIXES: readonly string[] = [
  '134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '184', '187', '188', '178', '198',
  '130', '131', '132', '155', '156', '185', '186', '166', '175', '176',
  '133', '153', '180', '181', '189', '173', '177', '191', '199',
];

/** A random mainland mobile number. */
export function randomMobile(rng: Rng): string {
  return mobileNumber(rng.pick(MOBILE_PREFIXES), rng.int(0, 99_999_999));
}

/** Prefix + the subscriber number `suffix` (0 … 99,999,999) written as 8 digits. */
export function mobileNumber(prefix: string, suffix: number): string {
  return prefix + String(suffix).padStart(8, '0');
}
