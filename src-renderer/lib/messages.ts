// Every fixed label and message of the shell, in every language. Parameter labels and help come
// from the experiment specs (listExperiments); explanations live in explanations.ts.
import type { SectionId } from '../../src-shared/experiments/spec.ts';
import type { JobStatus, RunStatus, Text } from '../../src-shared/api.ts';

export const T = {
  appName: { ko: 'DL Lab', en: 'DL Lab', ja: 'DL Lab', zh: 'DL Lab' },
  appSubtitle: {
    ko: '밑바닥부터 시작하는 딥러닝 · 6장 학습 관련 기술들',
    en: 'Deep Learning from Scratch · Ch. 6, techniques for training',
    ja: 'ゼロから作るDeep Learning · 6章 学習に関するテクニック',
    zh: '深度学习入门 · 第6章 与学习相关的技巧',
  },
  chapterNav: { ko: '6장 실험', en: 'Chapter 6 experiments', ja: '6章の実験', zh: '第6章的实验' },
  language: { ko: '언어', en: 'Language', ja: '言語', zh: '语言' },
  loading: { ko: '불러오는 중…', en: 'Loading…', ja: '読み込み中…', zh: '加载中…' },
  loadFailed: {
    ko: '실험 목록을 불러오지 못했습니다.',
    en: 'Could not load the experiments.',
    ja: '実験の一覧を読み込めませんでした。',
    zh: '无法加载实验列表。',
  },
  noBridge: {
    ko: '랩 서비스에 연결되어 있지 않습니다 (window.lab 없음). 데스크톱 앱이나 테스트 호스트에서 여세요.',
    en: 'Not connected to the lab service (no window.lab). Open this page in the desktop app or the test host.',
    ja: 'ラボのサービスに接続されていません（window.lab がありません）。デスクトップアプリかテスト用ホストで開いてください。',
    zh: '未连接到实验服务（没有 window.lab）。请在桌面应用或测试主机中打开此页面。',
  },
  connectionLost: {
    ko: '랩 서비스와의 연결이 끊어졌습니다. 다시 연결을 시도하는 중입니다…',
    en: 'Lost the connection to the lab service. Trying to reconnect…',
    ja: 'ラボのサービスとの接続が切れました。再接続しています…',
    zh: '与实验服务的连接已断开，正在尝试重新连接…',
  },
  unknownExperiment: {
    ko: '그런 실험은 없습니다.',
    en: 'There is no such experiment.',
    ja: 'そのような実験はありません。',
    zh: '没有这个实验。',
  },

  explanation: { ko: '설명', en: 'Explanation', ja: '説明', zh: '说明' },
  whatToLookFor: { ko: '눈여겨볼 점', en: 'What to look for', ja: '注目するところ', zh: '值得注意的地方' },

  parameters: { ko: '매개변수', en: 'Parameters', ja: 'パラメータ', zh: '参数' },
  seed: { ko: '시드', en: 'Seed', ja: 'シード', zh: '种子' },
  seedHelp: {
    ko: '비워 두면 무작위. 같은 시드와 매개변수는 같은 결과를 냅니다.',
    en: 'Blank for a random seed. The same seed and parameters give the same curves.',
    ja: '空欄ならランダム。同じシードとパラメータからは同じ曲線が得られます。',
    zh: '留空则随机。相同的种子和参数会得到相同的曲线。',
  },
  repeats: { ko: '반복 실행', en: 'Repeats', ja: '繰り返し', zh: '重复' },
  repeatsHelp: {
    ko: '같은 설정을 시드 s, s+1, …로 N번 학습해 평균 ± 표준편차 띠를 그립니다.',
    en: 'Train the same setup N times with seeds s, s+1, … and draw mean ± std bands.',
    ja: '同じ設定をシード s, s+1, … でN回学習し、平均 ± 標準偏差の帯を描きます。',
    zh: '用种子 s, s+1, … 将同一设置训练N次，并画出平均值 ± 标准差带。',
  },
  editingFrom: {
    ko: '의 매개변수와 시드로 채웠습니다. 고쳐서 실행하세요.',
    en: '’s parameters and seed are filled in: edit them and run.',
    ja: ' のパラメータとシードを入れました。編集して実行してください。',
    zh: ' 的参数和种子已填入：修改后运行。',
  },
  resetDefaults: { ko: '책의 기본값으로', en: 'Book defaults', ja: '本のデフォルト値に戻す', zh: '恢复书中的默认值' },
  run: { ko: '실행', en: 'Run', ja: '実行', zh: '运行' },
  starting: { ko: '시작하는 중…', en: 'Starting…', ja: '開始しています…', zh: '正在开始…' },
  cancel: { ko: '취소', en: 'Cancel', ja: 'キャンセル', zh: '取消' },
  cancelling: { ko: '취소하는 중…', en: 'Cancelling…', ja: 'キャンセルしています…', zh: '正在取消…' },
  fixFields: {
    ko: '표시된 항목을 고치면 실행할 수 있습니다.',
    en: 'Fix the marked fields to run.',
    ja: '印の付いた項目を直すと実行できます。',
    zh: '修改标出的项目后即可运行。',
  },
  startRejected: {
    ko: '실험을 시작할 수 없습니다:',
    en: 'The experiment could not start:',
    ja: '実験を開始できませんでした:',
    zh: '无法开始实验：',
  },
  requestFailed: { ko: '요청이 실패했습니다:', en: 'The request failed:', ja: 'リクエストが失敗しました:', zh: '请求失败：' },
  runningHint: {
    ko: '실행 중인 작업은 계속됩니다. 새로 실행하면 차례를 기다립니다.',
    en: 'The running job goes on; a new run waits its turn.',
    ja: '実行中のジョブは続きます。新しい実行は順番を待ちます。',
    zh: '正在运行的任务会继续；新的运行将排队等待。',
  },

  status: { ko: '상태', en: 'Status', ja: '状態', zh: '状态' },
  runningNow: { ko: '실행 중', en: 'running', ja: '実行中', zh: '运行中' },
  interruptedNotice: {
    ko: '앱이 종료되면서 중단된 실행입니다. 그때까지 계산한 곡선은 남아 있습니다.',
    en: 'This job was interrupted when the app quit; the curves computed until then are kept.',
    ja: 'アプリの終了で中断された実行です。それまでに計算した曲線は残っています。',
    zh: '这次运行在应用退出时被中断；之前计算的曲线已保留。',
  },
  progress: { ko: '진행 상황', en: 'Progress', ja: '進み具合', zh: '进度' },
  eta: { ko: '남은 시간', en: 'Time left', ja: '残り時間', zh: '剩余时间' },
  elapsed: { ko: '경과', en: 'Elapsed', ja: '経過', zh: '已用' },
  estimating: { ko: '계산 중', en: 'estimating', ja: '見積もり中', zh: '估算中' },
  charts: { ko: '차트', en: 'Charts', ja: 'グラフ', zh: '图表' },
  noJobYet: {
    ko: '매개변수를 정하고 실행을 누르세요. 결과는 모두 저장됩니다.',
    en: 'Choose the parameters and press Run. Every result is kept.',
    ja: 'パラメータを決めて実行を押してください。結果はすべて保存されます。',
    zh: '设定参数后点击运行。所有结果都会保存。',
  },
  viewingJob: { ko: '보는 중', en: 'Viewing', ja: '表示中', zh: '正在查看' },
  closeJob: { ko: '새 실행으로', en: 'New run', ja: '新しい実行へ', zh: '新的运行' },
  closeJobLabel: { ko: '이 실행 닫기', en: 'Close this job', ja: 'この実行を閉じる', zh: '关闭这次运行' },
  jobLoading: { ko: '실행 기록을 불러오는 중…', en: 'Loading the job…', ja: '実行の記録を読み込み中…', zh: '正在加载运行记录…' },
  jobMissing: {
    ko: '이 실행 기록을 찾을 수 없습니다 (삭제되었을 수 있습니다).',
    en: 'This job could not be found (it may have been deleted).',
    ja: 'この実行の記録が見つかりません（削除された可能性があります）。',
    zh: '找不到这次运行的记录（可能已被删除）。',
  },
  runProblems: { ko: '문제가 생긴 네트워크', en: 'Networks with problems', ja: '問題が起きたネットワーク', zh: '出现问题的网络' },
  divergedWithoutProblem: {
    ko: '값이 무한대나 NaN으로 발산했습니다.',
    en: 'The values blew up to infinity or NaN.',
    ja: '値が無限大かNaNになりました。',
    zh: '数值变成了无穷大或NaN。',
  },
  expectedEndings: {
    ko: '예상된 결과 (이 실험이 보여 주려는 것)',
    en: 'Expected outcome (what this experiment shows)',
    ja: '予想どおりの結果（この実験が示そうとしていること）',
    zh: '预期的结果（这个实验要展示的内容）',
  },

  history: { ko: '지난 실행', en: 'Past jobs', ja: '過去の実行', zh: '以往的运行' },
  labBook: { ko: '실험 기록', en: 'Lab notebook', ja: '実験ノート', zh: '实验笔记' },
  pastRuns: { ko: '모든 실행 기록', en: 'Past runs', ja: '実行の記録', zh: '运行记录' },
  compareRuns: { ko: '실행 비교', en: 'Compare runs', ja: '実行の比較', zh: '比较运行' },
  runAgain: { ko: '다시 실행', en: 'Run again', ja: 'もう一度実行', zh: '再次运行' },
  runAgainHelp: {
    ko: '같은 매개변수와 시드로 다시 학습합니다 (같은 곡선이 나옵니다).',
    en: 'Train again with the same parameters and seed (the same curves come out).',
    ja: '同じパラメータとシードでもう一度学習します（同じ曲線が得られます）。',
    zh: '用相同的参数和种子再训练一次（会得到相同的曲线）。',
  },
  editAndRun: { ko: '고쳐서 실행', en: 'Edit and run', ja: '編集して実行', zh: '编辑后运行' },
  jobRecord: { ko: '기록 자세히', en: 'Details', ja: '詳細', zh: '详情' },
  historyEmpty: { ko: '아직 실행한 적이 없습니다.', en: 'No jobs yet.', ja: 'まだ実行がありません。', zh: '还没有运行。' },
  deleteJob: { ko: '삭제', en: 'Delete', ja: '削除', zh: '删除' },
  deleteJobTitle: { ko: '실행 기록을 삭제할까요?', en: 'Delete this job?', ja: 'この実行を削除しますか？', zh: '删除这次运行吗？' },
  deleteJobBody: {
    ko: '곡선과 결과가 모두 지워지며 되돌릴 수 없습니다.',
    en: 'Its curves and results are removed for good.',
    ja: '曲線と結果は完全に削除されます。',
    zh: '它的曲线和结果将被永久删除。',
  },
  renameJob: { ko: '이름 바꾸기', en: 'Rename', ja: '名前を変更', zh: '重命名' },
  renameJobTitle: { ko: '실행 이름 바꾸기', en: 'Rename the job', ja: '実行の名前を変更', zh: '重命名这次运行' },
  jobName: { ko: '이름', en: 'Name', ja: '名前', zh: '名称' },
  save: { ko: '저장', en: 'Save', ja: '保存', zh: '保存' },
  close: { ko: '닫기', en: 'Close', ja: '閉じる', zh: '关闭' },
  defaultsOnly: { ko: '기본값', en: 'defaults', ja: 'デフォルト', zh: '默认值' },
  seedLabel: { ko: '시드', en: 'seed', ja: 'シード', zh: '种子' },
  moreJobs: { ko: '더 보기', en: 'Show more', ja: 'もっと見る', zh: '显示更多' },
} satisfies Record<string, Text>;

/** The end of a shortened list: "and N more". */
export const andMore = (n: number): Text => ({ ko: `외 ${n}개`, en: `and ${n} more`, ja: `ほか${n}件`, zh: `另外${n}个` });

export const SECTIONS: { id: SectionId; title: Text }[] = [
  { id: '6.1', title: { ko: '6.1 매개변수 갱신', en: '6.1 Parameter updates', ja: '6.1 パラメータの更新', zh: '6.1 参数的更新' } },
  { id: '6.2', title: { ko: '6.2 가중치의 초깃값', en: '6.2 Initial weights', ja: '6.2 重みの初期値', zh: '6.2 权重的初始值' } },
  {
    id: '6.3',
    title: { ko: '6.3 배치 정규화', en: '6.3 Batch normalization', ja: '6.3 Batch Normalization', zh: '6.3 Batch Normalization' },
  },
  { id: '6.4', title: { ko: '6.4 바른 학습을 위해', en: '6.4 Regularization', ja: '6.4 正則化', zh: '6.4 正则化' } },
  {
    id: '6.5',
    title: { ko: '6.5 적절한 하이퍼파라미터 값 찾기', en: '6.5 Hyperparameters', ja: '6.5 ハイパーパラメータ', zh: '6.5 超参数' },
  },
  { id: 'check', title: { ko: '기울기 확인', en: 'Gradient check', ja: '勾配確認', zh: '梯度确认' } },
];

export const JOB_STATUS_TEXT: Record<JobStatus, Text> = {
  queued: { ko: '대기 중', en: 'Queued', ja: '待機中', zh: '等待中' },
  running: { ko: '실행 중', en: 'Running', ja: '実行中', zh: '运行中' },
  done: { ko: '완료', en: 'Done', ja: '完了', zh: '完成' },
  cancelled: { ko: '취소됨', en: 'Cancelled', ja: 'キャンセル済み', zh: '已取消' },
  failed: { ko: '실패', en: 'Failed', ja: '失敗', zh: '失败' },
  interrupted: { ko: '중단됨', en: 'Interrupted', ja: '中断', zh: '已中断' },
};

export const RUN_STATUS_TEXT: Record<RunStatus, Text> = {
  ...JOB_STATUS_TEXT,
  diverged: { ko: '발산', en: 'Diverged', ja: '発散', zh: '发散' },
};

/** "4 networks" / "네트워크 4개" (a job's runs are the networks it trains). */
export function networks(count: number): Text {
  const n = count.toLocaleString('en-US');
  return { ko: `네트워크 ${n}개`, en: `${n} network${count === 1 ? '' : 's'}`, ja: `ネットワーク${n}個`, zh: `${n}个网络` };
}
