/** The dashboard's messages (issue #6 §9 performance evaluation); merged into the zh-CN and en catalogues. */
export const dashboardZh = {
  'menu.group.analysis': '统计分析',
  'menu.dashboard': '数据看板',
} as const satisfies Record<string, string>;

export const dashboardEn: Readonly<Record<keyof typeof dashboardZh, string>> = {
  'menu.group.analysis': 'Analysis',
  'menu.dashboard': 'Dashboard',
};
