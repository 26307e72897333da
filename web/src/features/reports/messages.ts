/** Targets, reports and employment outcomes messages (issue #6); merged into the zh-CN and en catalogues. */
export const reportsZh = {
  'menu.reports': '统计报表',
  'menu.targets': '目标任务',
  'menu.employment': '就业信息',
} as const satisfies Record<string, string>;

export const reportsEn: Readonly<Record<keyof typeof reportsZh, string>> = {
  'menu.reports': 'Reports',
  'menu.targets': 'Targets',
  'menu.employment': 'Employment records',
};
