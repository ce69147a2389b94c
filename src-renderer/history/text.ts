// Korean and English for the past-runs pages (history, job record, comparison, parallel coordinates).
import type { Text } from '../../src-shared/api.ts';

const t = (ko: string, en: string): Text => ({ ko, en });

export const H = {
  pastRuns: t('모든 실행 기록', 'Past runs'),
  pastRunsLead: t(
    '이 컴퓨터의 SQLite에 저장된 모든 실행과 네트워크입니다. 골라서 비교하고, 내보내고, 다시 실행하세요.',
    'Every job and network stored in SQLite on this computer: pick runs to compare, export them, run them again.',
  ),
  search: t('검색', 'Search'),
  searchPlaceholder: t('이름, 태그, 메모, 네트워크 이름', 'Name, tags, notes, network labels'),
  experiment: t('실험', 'Experiment'),
  allExperiments: t('모든 실험', 'All experiments'),
  status: t('상태', 'Status'),
  allStatuses: t('모든 상태', 'Any status'),
  sortBy: t('정렬', 'Sort by'),
  newest: t('최신순', 'Newest first'),
  oldest: t('오래된 순', 'Oldest first'),
  longest: t('오래 걸린 순', 'Longest first'),
  shortest: t('짧게 걸린 순', 'Shortest first'),
  byName: t('이름순', 'Name (A→Z)'),
  bestTestAcc: t('시험 정확도 높은 순', 'Best test accuracy'),
  bestValAcc: t('검증 정확도 높은 순', 'Best validation accuracy'),
  bestTrainAcc: t('훈련 정확도 높은 순', 'Best training accuracy'),
  lowestLoss: t('최종 손실 낮은 순', 'Lowest final loss'),
  importJob: t('JSON 가져오기…', 'Import JSON…'),
  importLabel: t('내보낸 실행(JSON) 가져오기', 'Import an exported job (JSON)'),
  importing: t('가져오는 중…', 'Importing…'),
  imported: t('새 실행으로 가져왔습니다:', 'Imported as a new job:'),
  importFailed: t('가져오지 못했습니다. 아무것도 바뀌지 않았습니다.', 'Not imported; nothing was changed.'),
  importTooLarge: t('파일이 너무 커서 DL Lab 내보내기 파일일 수 없습니다.', 'The file is too large to be a DL Lab export.'),
  jobs: t('실행', 'Jobs'),
  results: (n: string) => t(`${n}개`, `${n} job${n === '1' ? '' : 's'}`),
  noMatch: t('조건에 맞는 실행이 없습니다.', 'No job matches.'),
  none: t('아직 실행한 적이 없습니다. 실험 페이지에서 실행해 보세요.', 'No jobs yet: run an experiment first.'),
  colJob: t('실행', 'Job'),
  colExperiment: t('실험', 'Experiment'),
  colStatus: t('상태', 'Status'),
  colCreated: t('날짜', 'Date'),
  colDuration: t('걸린 시간', 'Duration'),
  colNetworks: t('네트워크', 'Networks'),
  colResult: t('결과', 'Result'),
  colParams: t('기본값과 다른 매개변수', 'Changed parameters'),
  selectJob: (id: number) => t(`#${id} 선택`, `Select #${id}`),
  selectPage: t('이 페이지 모두 선택', 'Select this page'),
  selected: (n: number) => t(`${n}개 선택됨`, `${n} selected`),
  compareSelected: t('선택한 실행의 네트워크 비교', 'Compare their networks'),
  clearSelection: t('선택 해제', 'Clear selection'),
  tooManyRuns: (n: number) => t(`네트워크가 많아 처음 ${n}개만 비교합니다.`, `Many networks: the first ${n} are compared.`),
  pager: t('페이지', 'Pages'),
  previous: t('이전', 'Previous'),
  next: t('다음', 'Next'),
  pageOf: (from: string, to: string, total: string) => t(`${total}개 중 ${from}–${to}`, `${from}–${to} of ${total}`),
  defaults: t('기본값', 'defaults'),
  timesSeeds: (n: number) => t(`× 시드 ${n}개`, `× ${n} seeds`),
  imported_: t('가져옴', 'imported'),

  back: t('← 모든 실행 기록', '← Past runs'),
  jobTitle: (id: number) => t(`실행 #${id}`, `Job #${id}`),
  openOnPage: t('실험 페이지에서 열기', 'Open on its experiment page'),
  created: t('만든 때', 'Created'),
  duration: t('걸린 시간', 'Duration'),
  seed: t('시드', 'Seed'),
  networks: t('네트워크', 'Networks'),
  importedAt: t('가져온 때', 'Imported'),
  parameters: t('매개변수', 'Parameters'),
  repeats: t('반복 실행', 'Repeats over seeds'),
  notes: t('메모', 'Notes'),
  notesPlaceholder: t('무엇을 배웠나요? 다음엔 무엇을 해 볼까요?', 'What did you learn? What to try next?'),
  saveNotes: t('메모 저장', 'Save notes'),
  saved: t('저장했습니다', 'Saved'),
  tags: t('태그', 'Tags'),
  addTag: t('태그 추가', 'Add a tag'),
  addTagPlaceholder: t('태그 입력 후 Enter', 'Type a tag, press Enter'),
  removeTag: (tag: string) => t(`태그 ${tag} 삭제`, `Remove tag ${tag}`),
  noTags: t('태그 없음', 'No tags'),
  exportCsv: t('CSV로 내보내기', 'Export CSV'),
  exportJson: t('JSON으로 내보내기', 'Export JSON'),
  exportHint: t('JSON은 다른 DL Lab에서 가져올 수 있습니다.', 'A JSON export can be imported by another DL Lab.'),
  deleteJob: t('삭제…', 'Delete…'),
  runsOfJob: t('네트워크', 'Networks'),
  colRun: t('네트워크', 'Network'),
  colRunParams: t('매개변수', 'Parameters'),
  colFinal: t('최종 값', 'Final values'),
  addToCompare: t('선택한 네트워크 비교', 'Compare selected networks'),
  selectRun: (label: string) => t(`${label} 선택`, `Select ${label}`),
  selectAllRuns: t('모든 네트워크 선택', 'Select all networks'),
  actions: t('작업', 'Actions'),
  started: (id: number) => t(`#${id}을 시작했습니다.`, `Started #${id}.`),

  compare: t('실행 비교', 'Compare runs'),
  compareLead: t(
    '어느 실행의 네트워크든 골라 한 그래프에 겹쳐 그립니다. 범례에는 서로 다른 매개변수만 표시합니다.',
    'Networks from any jobs on one chart; the legend shows only the parameters that differ.',
  ),
  compareEmpty: t(
    '아래에서 네트워크를 고르거나, 모든 실행 기록에서 실행을 선택해 비교하세요.',
    'Pick networks below, or select jobs in Past runs and compare them.',
  ),
  metric: t('지표', 'Metric'),
  smoothing: t('평활화', 'Smoothing'),
  smoothingKaiser: t('책의 방식 (카이저 창, 11점)', 'Book (Kaiser window, 11 points)'),
  smoothingEma: t('지수이동평균 (α=0.1)', 'EMA (α=0.1)'),
  smoothingNone: t('없음', 'None'),
  bands: t('같은 설정은 평균 ± 표준편차 띠로', 'Mean ± std band where runs share a setup'),
  logY: t('로그 y축', 'Log y axis'),
  selectedRuns: t('비교 중인 네트워크', 'Networks compared'),
  removeRun: (name: string) => t(`${name} 빼기`, `Remove ${name}`),
  clearAll: t('모두 빼기', 'Remove all'),
  exportSelectionCsv: t('선택을 CSV로', 'Selection as CSV'),
  exportSelectionJson: t('선택을 JSON으로', 'Selection as JSON'),
  legend: t('범례', 'Legend'),
  meanOf: (n: number) => t(`평균 ± 표준편차, 시드 ${n}개`, `mean ± std over ${n} seeds`),
  missingRuns: (n: number) => t(`${n}개 네트워크는 더 이상 없습니다 (삭제됨).`, `${n} network${n === 1 ? ' is' : 's are'} gone (deleted).`),
  lacking: (n: number) => t(`${n}개 네트워크에는 이 지표가 없습니다.`, `${n} network${n === 1 ? ' has' : 's have'} no such curve.`),
  addRuns: t('네트워크 추가', 'Add networks'),
  pickerSearch: t('네트워크 검색', 'Search networks'),
  pickerNetworks: (n: number, picked: number): Text =>
    t(
      `이 쪽에 네트워크 ${n}개${picked ? `, ${picked}개 추가됨` : ''}`,
      `${n} network${n === 1 ? '' : 's'} on this page${picked ? `, ${picked} added` : ''}`,
    ),
  pickerSearchPlaceholder: t('네트워크 이름, 실행 이름, 태그', 'Network label, job name, tag'),
  add: t('추가', 'Add'),
  addRun: (name: string) => t(`${name} 추가`, `Add ${name}`),
  added: t('추가됨', 'Added'),
  maxRuns: (n: number) => t(`한 번에 ${n}개까지 비교할 수 있습니다.`, `At most ${n} networks at a time.`),
  loading: t('불러오는 중…', 'Loading…'),
  lastValue: t('마지막 값', 'last'),

  parallel: t('평행 좌표', 'Parallel coordinates'),
  parallelLead: t(
    '네트워크마다 선 하나: 각 세로축은 네트워크마다 달랐던 매개변수, 마지막 축은 최종 지표입니다. 색도 최종 지표입니다.',
    'One line per network: each axis a parameter that varied between them, the last one the final metric, which also gives the colour.',
  ),
  parallelSummary: (n: number, axes: string, best: string) =>
    t(`네트워크 ${n}개, 축: ${axes}. ${best}`, `${n} networks on axes ${axes}. ${best}`),
  best: t('가장 좋음', 'best'),
  worst: t('가장 나쁨', 'worst'),
  table: t('표로 보기', 'Show as a table'),
  logAxis: t('로그', 'log'),

  seedBands: t('시드에 따른 변동: 평균 ± 표준편차', 'Across seeds: mean ± std'),
  seedBandsLead: (n: number) =>
    t(
      `설정마다 시드 ${n}개로 학습했습니다. 굵은 선은 평균, 띠는 ±1 표준편차입니다.`,
      `Each setup trained with ${n} seeds: the line is the mean, the band ±1 std.`,
    ),
  seedTable: t('설정별 최종 값 (평균 ± 표준편차)', 'Final values per setup (mean ± std)'),
  setup: t('설정', 'Setup'),
  manySetups: (shown: number, all: number) =>
    t(`설정이 ${all}개라 그래프에는 처음 ${shown}개만 그립니다.`, `${all} setups: the chart draws the first ${shown}.`),

  png: t('PNG로 저장', 'Save as PNG'),
  pngAll: t('모든 차트를 한 장으로', 'All charts in one image'),
  pngChart: (n: number) => t(`차트 ${n}`, `Chart ${n}`),
  pngMenu: t('차트를 PNG로 저장', 'Save a chart as PNG'),
} as const;

const METRIC_TEXT: Record<string, Text> = {
  loss: t('손실', 'loss'),
  trainAcc: t('훈련 정확도', 'train accuracy'),
  testAcc: t('시험 정확도', 'test accuracy'),
  valAcc: t('검증 정확도', 'validation accuracy'),
};

/** A metric's name for people (the stored name for the rest: `std1`, `diff:W1`, …). */
export function metricText(metric: string): Text {
  return METRIC_TEXT[metric] ?? { ko: metric, en: metric };
}

export const X_TEXT: Record<string, Text> = {
  iteration: t('반복 횟수', 'iterations'),
  epoch: t('에폭', 'epochs'),
  step: t('단계', 'steps'),
  bin: t('구간', 'bins'),
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
