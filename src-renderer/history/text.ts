// The words of the past-runs pages (history, job record, comparison, parallel coordinates).
import type { Text } from '../../src-shared/api.ts';
import { same } from '../../src-shared/i18n/text.ts';

const t = (ko: string, en: string, ja: string, zh: string): Text => ({ ko, en, ja, zh });

export const H = {
  pastRuns: t('모든 실행 기록', 'Past runs', '実行の記録', '运行记录'),
  pastRunsLead: t(
    '이 컴퓨터의 SQLite에 저장된 모든 실행과 네트워크입니다. 골라서 비교하고, 내보내고, 다시 실행하세요.',
    'Every job and network stored in SQLite on this computer: pick runs to compare, export them, run them again.',
    'このコンピュータのSQLiteに保存されたすべての実行とネットワークです。選んで比較し、エクスポートし、もう一度実行できます。',
    '保存在本机SQLite中的所有运行和网络：选择后可以比较、导出、再次运行。',
  ),
  search: t('검색', 'Search', '検索', '搜索'),
  searchPlaceholder: t(
    '이름, 태그, 메모, 네트워크 이름',
    'Name, tags, notes, network labels',
    '名前、タグ、メモ、ネットワーク名',
    '名称、标签、备注、网络名称',
  ),
  experiment: t('실험', 'Experiment', '実験', '实验'),
  allExperiments: t('모든 실험', 'All experiments', 'すべての実験', '全部实验'),
  status: t('상태', 'Status', '状態', '状态'),
  allStatuses: t('모든 상태', 'Any status', 'すべての状態', '全部状态'),
  sortBy: t('정렬', 'Sort by', '並べ替え', '排序'),
  newest: t('최신순', 'Newest first', '新しい順', '最新优先'),
  oldest: t('오래된 순', 'Oldest first', '古い順', '最早优先'),
  longest: t('오래 걸린 순', 'Longest first', '時間の長い順', '耗时最长优先'),
  shortest: t('짧게 걸린 순', 'Shortest first', '時間の短い順', '耗时最短优先'),
  byName: t('이름순', 'Name (A→Z)', '名前順（A→Z）', '名称（A→Z）'),
  bestTestAcc: t('시험 정확도 높은 순', 'Best test accuracy', 'テストデータの認識精度の高い順', '测试识别精度最高'),
  bestValAcc: t('검증 정확도 높은 순', 'Best validation accuracy', '検証データの認識精度の高い順', '验证识别精度最高'),
  bestTrainAcc: t('훈련 정확도 높은 순', 'Best training accuracy', '訓練データの認識精度の高い順', '训练识别精度最高'),
  lowestLoss: t('최종 손실 낮은 순', 'Lowest final loss', '最終損失の低い順', '最终损失最低'),
  importJob: t('JSON 가져오기…', 'Import JSON…', 'JSONを読み込む…', '导入JSON…'),
  importLabel: t(
    '내보낸 실행(JSON) 가져오기',
    'Import an exported job (JSON)',
    'エクスポートした実行（JSON）を読み込む',
    '导入已导出的运行（JSON）',
  ),
  importing: t('가져오는 중…', 'Importing…', '読み込み中…', '导入中…'),
  imported: t('새 실행으로 가져왔습니다:', 'Imported as a new job:', '新しい実行として読み込みました:', '已作为新运行导入：'),
  importFailed: t(
    '가져오지 못했습니다. 아무것도 바뀌지 않았습니다.',
    'Not imported; nothing was changed.',
    '読み込めませんでした。何も変更されていません。',
    '未能导入，没有任何更改。',
  ),
  importTooLarge: t(
    '파일이 너무 커서 DL Lab 내보내기 파일일 수 없습니다.',
    'The file is too large to be a DL Lab export.',
    'ファイルが大きすぎて、DL Labのエクスポートファイルではありえません。',
    '文件太大，不可能是DL Lab的导出文件。',
  ),
  jobs: t('실행', 'Jobs', '実行', '运行'),
  results: (n: string) => t(`${n}개`, `${n} job${n === '1' ? '' : 's'}`, `${n}件`, `${n}个`),
  noMatch: t('조건에 맞는 실행이 없습니다.', 'No job matches.', '条件に合う実行はありません。', '没有符合条件的运行。'),
  none: t(
    '아직 실행한 적이 없습니다. 실험 페이지에서 실행해 보세요.',
    'No jobs yet: run an experiment first.',
    'まだ実行がありません。まず実験を実行してください。',
    '还没有运行：请先运行一个实验。',
  ),
  colJob: t('실행', 'Job', '実行', '运行'),
  colExperiment: t('실험', 'Experiment', '実験', '实验'),
  colStatus: t('상태', 'Status', '状態', '状态'),
  colCreated: t('날짜', 'Date', '日時', '日期'),
  colDuration: t('걸린 시간', 'Duration', '所要時間', '耗时'),
  colNetworks: t('네트워크', 'Networks', 'ネットワーク', '网络'),
  colResult: t('결과', 'Result', '結果', '结果'),
  colParams: t('기본값과 다른 매개변수', 'Changed parameters', 'デフォルトから変えたパラメータ', '与默认值不同的参数'),
  selectJob: (id: number) => t(`#${id} 선택`, `Select #${id}`, `#${id} を選択`, `选择 #${id}`),
  selectPage: t('이 페이지 모두 선택', 'Select this page', 'このページをすべて選択', '全选本页'),
  selected: (n: number) => t(`${n}개 선택됨`, `${n} selected`, `${n}件を選択中`, `已选择${n}个`),
  compareSelected: t('선택한 실행의 네트워크 비교', 'Compare their networks', '選んだ実行のネットワークを比較', '比较所选运行的网络'),
  clearSelection: t('선택 해제', 'Clear selection', '選択を解除', '取消选择'),
  tooManyRuns: (n: number) =>
    t(
      `네트워크가 많아 처음 ${n}개만 비교합니다.`,
      `Many networks: the first ${n} are compared.`,
      `ネットワークが多いため、最初の${n}個だけを比較します。`,
      `网络太多：只比较前${n}个。`,
    ),
  pager: t('페이지', 'Pages', 'ページ', '页'),
  previous: t('이전', 'Previous', '前へ', '上一页'),
  next: t('다음', 'Next', '次へ', '下一页'),
  pageOf: (from: string, to: string, total: string) =>
    t(`${total}개 중 ${from}–${to}`, `${from}–${to} of ${total}`, `${total}件中 ${from}–${to}`, `共${total}个，第${from}–${to}个`),
  defaults: t('기본값', 'defaults', 'デフォルト', '默认值'),
  timesSeeds: (n: number) => t(`× 시드 ${n}개`, `× ${n} seeds`, `× シード${n}個`, `× ${n}个种子`),
  imported_: t('가져옴', 'imported', '読み込み済み', '已导入'),

  back: t('← 모든 실행 기록', '← Past runs', '← 実行の記録', '← 运行记录'),
  jobTitle: (id: number) => t(`실행 #${id}`, `Job #${id}`, `実行 #${id}`, `运行 #${id}`),
  openOnPage: t('실험 페이지에서 열기', 'Open on its experiment page', '実験ページで開く', '在实验页面中打开'),
  created: t('만든 때', 'Created', '作成日時', '创建时间'),
  duration: t('걸린 시간', 'Duration', '所要時間', '耗时'),
  seed: t('시드', 'Seed', 'シード', '种子'),
  networks: t('네트워크', 'Networks', 'ネットワーク', '网络'),
  importedAt: t('가져온 때', 'Imported', '読み込み日時', '导入时间'),
  parameters: t('매개변수', 'Parameters', 'パラメータ', '参数'),
  repeats: t('반복 실행', 'Repeats over seeds', 'シードを変えた繰り返し', '不同种子的重复运行'),
  notes: t('메모', 'Notes', 'メモ', '备注'),
  notesPlaceholder: t(
    '무엇을 배웠나요? 다음엔 무엇을 해 볼까요?',
    'What did you learn? What to try next?',
    '何を学びましたか？次は何を試しますか？',
    '学到了什么？下一步试试什么？',
  ),
  saveNotes: t('메모 저장', 'Save notes', 'メモを保存', '保存备注'),
  saved: t('저장했습니다', 'Saved', '保存しました', '已保存'),
  tags: t('태그', 'Tags', 'タグ', '标签'),
  addTag: t('태그 추가', 'Add a tag', 'タグを追加', '添加标签'),
  addTagPlaceholder: t('태그 입력 후 Enter', 'Type a tag, press Enter', 'タグを入力してEnter', '输入标签后按Enter'),
  removeTag: (tag: string) => t(`태그 ${tag} 삭제`, `Remove tag ${tag}`, `タグ ${tag} を削除`, `删除标签 ${tag}`),
  noTags: t('태그 없음', 'No tags', 'タグなし', '无标签'),
  exportCsv: t('CSV로 내보내기', 'Export CSV', 'CSVでエクスポート', '导出CSV'),
  exportJson: t('JSON으로 내보내기', 'Export JSON', 'JSONでエクスポート', '导出JSON'),
  exportHint: t(
    'JSON은 다른 DL Lab에서 가져올 수 있습니다.',
    'A JSON export can be imported by another DL Lab.',
    'JSONのエクスポートは別のDL Labで読み込めます。',
    'JSON导出文件可以导入到另一个DL Lab中。',
  ),
  deleteJob: t('삭제…', 'Delete…', '削除…', '删除…'),
  runsOfJob: t('네트워크', 'Networks', 'ネットワーク', '网络'),
  colRun: t('네트워크', 'Network', 'ネットワーク', '网络'),
  colRunParams: t('매개변수', 'Parameters', 'パラメータ', '参数'),
  colFinal: t('최종 값', 'Final values', '最終値', '最终值'),
  addToCompare: t('선택한 네트워크 비교', 'Compare selected networks', '選んだネットワークを比較', '比较所选网络'),
  selectRun: (label: string) => t(`${label} 선택`, `Select ${label}`, `${label} を選択`, `选择 ${label}`),
  selectAllRuns: t('모든 네트워크 선택', 'Select all networks', 'すべてのネットワークを選択', '选择全部网络'),
  actions: t('작업', 'Actions', '操作', '操作'),
  started: (id: number) => t(`#${id}을 시작했습니다.`, `Started #${id}.`, `#${id} を開始しました。`, `已开始 #${id}。`),

  compare: t('실행 비교', 'Compare runs', '実行の比較', '比较运行'),
  compareLead: t(
    '어느 실행의 네트워크든 골라 한 그래프에 겹쳐 그립니다. 범례에는 서로 다른 매개변수만 표시합니다.',
    'Networks from any jobs on one chart; the legend shows only the parameters that differ.',
    'どの実行のネットワークでも1つのグラフに。凡例には異なるパラメータだけを示します。',
    '将任意运行的网络画在同一张图上；图例只显示不同的参数。',
  ),
  compareEmpty: t(
    '아래에서 네트워크를 고르거나, 모든 실행 기록에서 실행을 선택해 비교하세요.',
    'Pick networks below, or select jobs in Past runs and compare them.',
    '下でネットワークを選ぶか、実行の記録で実行を選んで比較してください。',
    '在下方选择网络，或在运行记录中选择运行来比较。',
  ),
  metric: t('지표', 'Metric', '指標', '指标'),
  smoothing: t('평활화', 'Smoothing', '平滑化', '平滑'),
  smoothingKaiser: t(
    '책의 방식 (카이저 창, 11점)',
    'Book (Kaiser window, 11 points)',
    '本と同じ（カイザー窓、11点）',
    '与书相同（凯泽窗，11点）',
  ),
  smoothingEma: t('지수이동평균 (α=0.1)', 'EMA (α=0.1)', 'EMA（α=0.1）', 'EMA（α=0.1）'),
  smoothingNone: t('없음', 'None', 'なし', '无'),
  bands: t(
    '같은 설정은 평균 ± 표준편차 띠로',
    'Mean ± std band where runs share a setup',
    '設定が同じ実行は平均 ± 標準偏差の帯で',
    '设置相同的运行画成平均值 ± 标准差带',
  ),
  logY: t('로그 y축', 'Log y axis', 'y軸を対数に', 'y轴取对数'),
  selectedRuns: t('비교 중인 네트워크', 'Networks compared', '比較するネットワーク', '比较的网络'),
  removeRun: (name: string) => t(`${name} 빼기`, `Remove ${name}`, `${name} を外す`, `移除 ${name}`),
  clearAll: t('모두 빼기', 'Remove all', 'すべて外す', '全部移除'),
  exportSelectionCsv: t('선택을 CSV로', 'Selection as CSV', '選択をCSVで', '所选内容导出为CSV'),
  exportSelectionJson: t('선택을 JSON으로', 'Selection as JSON', '選択をJSONで', '所选内容导出为JSON'),
  legend: t('범례', 'Legend', '凡例', '图例'),
  meanOf: (n: number) =>
    t(`평균 ± 표준편차, 시드 ${n}개`, `mean ± std over ${n} seeds`, `シード${n}個の平均 ± 標準偏差`, `${n}个种子的平均值 ± 标准差`),
  missingRuns: (n: number) =>
    t(
      `${n}개 네트워크는 더 이상 없습니다 (삭제됨).`,
      `${n} network${n === 1 ? ' is' : 's are'} gone (deleted).`,
      `${n}個のネットワークがなくなっています（削除済み）。`,
      `${n}个网络已不存在（已删除）。`,
    ),
  lacking: (n: number) =>
    t(
      `${n}개 네트워크에는 이 지표가 없습니다.`,
      `${n} network${n === 1 ? ' has' : 's have'} no such curve.`,
      `${n}個のネットワークにはその曲線がありません。`,
      `${n}个网络没有该曲线。`,
    ),
  addRuns: t('네트워크 추가', 'Add networks', 'ネットワークを追加', '添加网络'),
  pickerSearch: t('네트워크 검색', 'Search networks', 'ネットワークを検索', '搜索网络'),
  pickerNetworks: (n: number, picked: number): Text =>
    t(
      `이 쪽에 네트워크 ${n}개${picked ? `, ${picked}개 추가됨` : ''}`,
      `${n} network${n === 1 ? '' : 's'} on this page${picked ? `, ${picked} added` : ''}`,
      `このページのネットワーク${n}個${picked ? `、${picked}個追加済み` : ''}`,
      `本页有${n}个网络${picked ? `，已添加${picked}个` : ''}`,
    ),
  pickerSearchPlaceholder: t(
    '네트워크 이름, 실행 이름, 태그',
    'Network label, job name, tag',
    'ネットワーク名、実行名、タグ',
    '网络名称、运行名称、标签',
  ),
  add: t('추가', 'Add', '追加', '添加'),
  addRun: (name: string) => t(`${name} 추가`, `Add ${name}`, `${name} を追加`, `添加 ${name}`),
  added: t('추가됨', 'Added', '追加済み', '已添加'),
  maxRuns: (n: number) =>
    t(
      `한 번에 ${n}개까지 비교할 수 있습니다.`,
      `At most ${n} networks at a time.`,
      `一度に比較できるのは${n}個までです。`,
      `一次最多${n}个网络。`,
    ),
  loading: t('불러오는 중…', 'Loading…', '読み込み中…', '加载中…'),
  lastValue: t('마지막 값', 'last', '最後の値', '最后的值'),

  parallel: t('평행 좌표', 'Parallel coordinates', '平行座標', '平行坐标'),
  parallelLead: t(
    '네트워크마다 선 하나: 각 세로축은 네트워크마다 달랐던 매개변수, 마지막 축은 최종 지표입니다. 색도 최종 지표입니다.',
    'One line per network: each axis a parameter that varied between them, the last one the final metric, which also gives the colour.',
    'ネットワーク1つにつき1本の線。各軸はネットワーク間で変えたパラメータで、最後の軸は最終指標（色も表します）です。',
    '每个网络一条线：每个坐标轴是网络之间不同的一个参数，最后一个是最终指标，它也决定颜色。',
  ),
  parallelSummary: (n: number, axes: string, best: string) =>
    t(
      `네트워크 ${n}개, 축: ${axes}. ${best}`,
      `${n} networks on axes ${axes}. ${best}`,
      `${n}個のネットワーク、軸: ${axes}。${best}`,
      `${n}个网络，坐标轴：${axes}。${best}`,
    ),
  best: t('가장 좋음', 'best', '最良', '最好'),
  worst: t('가장 나쁨', 'worst', '最悪', '最差'),
  table: t('표로 보기', 'Show as a table', '表で表示', '以表格显示'),
  logAxis: t('로그', 'log', '対数', '对数'),

  seedBands: t('시드에 따른 변동: 평균 ± 표준편차', 'Across seeds: mean ± std', 'シード間：平均 ± 標準偏差', '跨种子：平均值 ± 标准差'),
  seedBandsLead: (n: number) =>
    t(
      `설정마다 시드 ${n}개로 학습했습니다. 굵은 선은 평균, 띠는 ±1 표준편차입니다.`,
      `Each setup trained with ${n} seeds: the line is the mean, the band ±1 std.`,
      `各設定をシード${n}個で学習：線は平均、帯は ±1 標準偏差です。`,
      `每个设置用${n}个种子训练：线为平均值，带为 ±1 标准差。`,
    ),
  seedTable: t(
    '설정별 최종 값 (평균 ± 표준편차)',
    'Final values per setup (mean ± std)',
    '設定ごとの最終値（平均 ± 標準偏差）',
    '每个设置的最终值（平均值 ± 标准差）',
  ),
  setup: t('설정', 'Setup', '設定', '设置'),
  manySetups: (shown: number, all: number) =>
    t(
      `설정이 ${all}개라 그래프에는 처음 ${shown}개만 그립니다.`,
      `${all} setups: the chart draws the first ${shown}.`,
      `設定は${all}個あり、グラフには最初の${shown}個を描きます。`,
      `共${all}个设置：图中画出前${shown}个。`,
    ),

  png: t('PNG로 저장', 'Save as PNG', 'PNGで保存', '保存为PNG'),
  pngAll: t('모든 차트를 한 장으로', 'All charts in one image', 'すべてのグラフを1枚の画像に', '所有图表合成一张图片'),
  pngChart: (n: number) => t(`차트 ${n}`, `Chart ${n}`, `グラフ ${n}`, `图表 ${n}`),
  pngMenu: t('차트를 PNG로 저장', 'Save a chart as PNG', 'グラフをPNGで保存', '将图表保存为PNG'),
} as const;

const METRIC_TEXT: Record<string, Text> = {
  loss: t('손실', 'loss', '損失', '损失'),
  trainAcc: t('훈련 정확도', 'train accuracy', '訓練精度', '训练精度'),
  testAcc: t('시험 정확도', 'test accuracy', 'テスト精度', '测试精度'),
  valAcc: t('검증 정확도', 'validation accuracy', '検証精度', '验证精度'),
};

/** A metric's name for people (the stored name for the rest: `std1`, `diff:W1`, …). */
export function metricText(metric: string): Text {
  return METRIC_TEXT[metric] ?? same(metric);
}

export const X_TEXT: Record<string, Text> = {
  iteration: t('반복 횟수', 'iterations', 'イテレーション', '迭代次数'),
  epoch: t('에폭', 'epochs', 'エポック', 'epoch'),
  step: t('단계', 'steps', 'ステップ', '步'),
  bin: t('구간', 'bins', 'ビン', '区间'),
};

/**
 * The metric that sums a job up, per experiment, for the history's Result column (and what the
 * metric sort offers first): the best value over the job's networks.
 */
export const PRIMARY_METRIC: Record<string, { metric: string; order: 'max' | 'min' }> = {
  'optimizer-compare': { metric: 'loss', order: 'min' },
  'weight-init-compare': { metric: 'loss', order: 'min' },
  'batchnorm-compare': { metric: 'trainAcc', order: 'max' },
  'overfit-weight-decay': { metric: 'testAcc', order: 'max' },
  dropout: { metric: 'testAcc', order: 'max' },
  'hyperparameter-search': { metric: 'valAcc', order: 'max' },
  'optimizer-paths': { metric: 'f', order: 'min' },
};
