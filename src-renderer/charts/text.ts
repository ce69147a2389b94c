// Words the charts share, in both languages.
import { t } from './format.ts';

export const TEXT = {
  iteration: t('반복 횟수', 'iterations'),
  epoch: t('에폭', 'epochs'),
  epochOne: t('에폭', 'epoch'),
  loss: t('손실', 'loss'),
  accuracy: t('정확도', 'accuracy'),
  trainAcc: t('훈련 정확도', 'train accuracy'),
  testAcc: t('시험 정확도', 'test accuracy'),
  valAcc: t('검증 정확도', 'validation accuracy'),
  count: t('개수', 'count'),
  emptyRun: t('실행하면 여기에 그래프가 실시간으로 그려집니다.', 'Run the experiment to watch these charts fill in live.'),
  emptyPaths: t(
    '폼의 값으로 바로 계산한 경로입니다. 실행하면 저장된 경로가 그려집니다.',
    'Paths computed at once from the form’s values; a run stores them.',
  ),
  waiting: t('대기 중', 'queued'),
  running: t('학습 중', 'training'),
  diverged: t('발산', 'diverged'),
  failed: t('실패', 'failed'),
  cancelled: t('취소됨', 'cancelled'),
  interrupted: t('중단됨', 'interrupted'),
  done: t('완료', 'done'),
};

export const STATUS_TEXT: Record<string, { ko: string; en: string }> = {
  queued: TEXT.waiting,
  running: TEXT.running,
  diverged: TEXT.diverged,
  failed: TEXT.failed,
  cancelled: TEXT.cancelled,
  interrupted: TEXT.interrupted,
  done: TEXT.done,
};
