// Every fixed label and message of the shell, in Korean and English. Parameter labels and help come
// from the experiment specs (listExperiments); explanations live in explanations.ts.
import type { SectionId } from '../../src-shared/experiments/spec.ts';
import type { JobStatus, RunStatus, Text } from '../../src-shared/api.ts';

export const T = {
  appName: { ko: 'DL Lab', en: 'DL Lab' },
  appSubtitle: {
    ko: '밑바닥부터 시작하는 딥러닝 · 6장 학습 관련 기술들',
    en: 'Deep Learning from Scratch · Ch. 6, techniques for training',
  },
  chapterNav: { ko: '6장 실험', en: 'Chapter 6 experiments' },
  language: { ko: '언어', en: 'Language' },
  loading: { ko: '불러오는 중…', en: 'Loading…' },
  loadFailed: { ko: '실험 목록을 불러오지 못했습니다.', en: 'Could not load the experiments.' },
  noBridge: {
    ko: '랩 서비스에 연결되어 있지 않습니다 (window.lab 없음). 데스크톱 앱이나 테스트 호스트에서 여세요.',
    en: 'Not connected to the lab service (no window.lab). Open this page in the desktop app or the test host.',
  },
  connectionLost: {
    ko: '랩 서비스와의 연결이 끊어졌습니다. 다시 연결을 시도하는 중입니다…',
    en: 'Lost the connection to the lab service. Trying to reconnect…',
  },
  unknownExperiment: { ko: '그런 실험은 없습니다.', en: 'There is no such experiment.' },

  explanation: { ko: '설명', en: 'Explanation' },
  whatToLookFor: { ko: '눈여겨볼 점', en: 'What to look for' },

  parameters: { ko: '매개변수', en: 'Parameters' },
  seed: { ko: '시드', en: 'Seed' },
  seedHelp: {
    ko: '비워 두면 무작위. 같은 시드와 매개변수는 같은 결과를 냅니다.',
    en: 'Blank for a random seed. The same seed and parameters give the same curves.',
  },
  repeats: { ko: '반복 실행', en: 'Repeats' },
  repeatsHelp: {
    ko: '같은 설정을 시드 s, s+1, …로 N번 학습해 평균 ± 표준편차 띠를 그립니다.',
    en: 'Train the same setup N times with seeds s, s+1, … and draw mean ± std bands.',
  },
  editingFrom: {
    ko: '의 매개변수와 시드로 채웠습니다. 고쳐서 실행하세요.',
    en: '’s parameters and seed are filled in: edit them and run.',
  },
  resetDefaults: { ko: '책의 기본값으로', en: 'Book defaults' },
  run: { ko: '실행', en: 'Run' },
  starting: { ko: '시작하는 중…', en: 'Starting…' },
  cancel: { ko: '취소', en: 'Cancel' },
  cancelling: { ko: '취소하는 중…', en: 'Cancelling…' },
  fixFields: { ko: '표시된 항목을 고치면 실행할 수 있습니다.', en: 'Fix the marked fields to run.' },
  startRejected: { ko: '실험을 시작할 수 없습니다:', en: 'The experiment could not start:' },
  requestFailed: { ko: '요청이 실패했습니다:', en: 'The request failed:' },
  runningHint: {
    ko: '실행 중인 작업은 계속됩니다. 새로 실행하면 차례를 기다립니다.',
    en: 'The running job goes on; a new run waits its turn.',
  },

  status: { ko: '상태', en: 'Status' },
  runningNow: { ko: '실행 중', en: 'running' },
  interruptedNotice: {
    ko: '앱이 종료되면서 중단된 실행입니다. 그때까지 계산한 곡선은 남아 있습니다.',
    en: 'This job was interrupted when the app quit; the curves computed until then are kept.',
  },
  progress: { ko: '진행 상황', en: 'Progress' },
  eta: { ko: '남은 시간', en: 'Time left' },
  elapsed: { ko: '경과', en: 'Elapsed' },
  estimating: { ko: '계산 중', en: 'estimating' },
  charts: { ko: '차트', en: 'Charts' },
  noJobYet: {
    ko: '매개변수를 정하고 실행을 누르세요. 결과는 모두 저장됩니다.',
    en: 'Choose the parameters and press Run. Every result is kept.',
  },
  viewingJob: { ko: '보는 중', en: 'Viewing' },
  closeJob: { ko: '새 실행으로', en: 'New run' },
  closeJobLabel: { ko: '이 실행 닫기', en: 'Close this job' },
  jobLoading: { ko: '실행 기록을 불러오는 중…', en: 'Loading the job…' },
  jobMissing: {
    ko: '이 실행 기록을 찾을 수 없습니다 (삭제되었을 수 있습니다).',
    en: 'This job could not be found (it may have been deleted).',
  },
  runProblems: { ko: '문제가 생긴 네트워크', en: 'Networks with problems' },
  divergedWithoutProblem: { ko: '값이 무한대나 NaN으로 발산했습니다.', en: 'The values blew up to infinity or NaN.' },
  expectedEndings: { ko: '예상된 결과 (이 실험이 보여 주려는 것)', en: 'Expected outcome (what this experiment shows)' },

  history: { ko: '지난 실행', en: 'Past jobs' },
  labBook: { ko: '실험 기록', en: 'Lab notebook' },
  pastRuns: { ko: '모든 실행 기록', en: 'Past runs' },
  compareRuns: { ko: '실행 비교', en: 'Compare runs' },
  runAgain: { ko: '다시 실행', en: 'Run again' },
  runAgainHelp: {
    ko: '같은 매개변수와 시드로 다시 학습합니다 (같은 곡선이 나옵니다).',
    en: 'Train again with the same parameters and seed (the same curves come out).',
  },
  editAndRun: { ko: '고쳐서 실행', en: 'Edit and run' },
  jobRecord: { ko: '기록 자세히', en: 'Details' },
  historyEmpty: { ko: '아직 실행한 적이 없습니다.', en: 'No jobs yet.' },
  deleteJob: { ko: '삭제', en: 'Delete' },
  deleteJobTitle: { ko: '실행 기록을 삭제할까요?', en: 'Delete this job?' },
  deleteJobBody: { ko: '곡선과 결과가 모두 지워지며 되돌릴 수 없습니다.', en: 'Its curves and results are removed for good.' },
  renameJob: { ko: '이름 바꾸기', en: 'Rename' },
  renameJobTitle: { ko: '실행 이름 바꾸기', en: 'Rename the job' },
  jobName: { ko: '이름', en: 'Name' },
  save: { ko: '저장', en: 'Save' },
  close: { ko: '닫기', en: 'Close' },
  defaultsOnly: { ko: '기본값', en: 'defaults' },
  seedLabel: { ko: '시드', en: 'seed' },
  moreJobs: { ko: '더 보기', en: 'Show more' },
} satisfies Record<string, Text>;

export const SECTIONS: { id: SectionId; title: Text }[] = [
  { id: '6.1', title: { ko: '6.1 매개변수 갱신', en: '6.1 Parameter updates' } },
  { id: '6.2', title: { ko: '6.2 가중치의 초깃값', en: '6.2 Initial weights' } },
  { id: '6.3', title: { ko: '6.3 배치 정규화', en: '6.3 Batch normalization' } },
  { id: '6.4', title: { ko: '6.4 바른 학습을 위해', en: '6.4 Regularization' } },
  { id: '6.5', title: { ko: '6.5 적절한 하이퍼파라미터 값 찾기', en: '6.5 Hyperparameters' } },
  { id: 'check', title: { ko: '기울기 확인', en: 'Gradient check' } },
];

export const JOB_STATUS_TEXT: Record<JobStatus, Text> = {
  queued: { ko: '대기 중', en: 'Queued' },
  running: { ko: '실행 중', en: 'Running' },
  done: { ko: '완료', en: 'Done' },
  cancelled: { ko: '취소됨', en: 'Cancelled' },
  failed: { ko: '실패', en: 'Failed' },
  interrupted: { ko: '중단됨', en: 'Interrupted' },
};

export const RUN_STATUS_TEXT: Record<RunStatus, Text> = {
  ...JOB_STATUS_TEXT,
  diverged: { ko: '발산', en: 'Diverged' },
};

/** "4 networks" / "네트워크 4개" (a job's runs are the networks it trains). */
export function networks(count: number): Text {
  const n = count.toLocaleString('en-US');
  return { ko: `네트워크 ${n}개`, en: `${n} network${count === 1 ? '' : 's'}` };
}
