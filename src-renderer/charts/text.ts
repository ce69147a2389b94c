// Words the charts share, in every language.
import { t } from './format.ts';
import type { Text } from '../../src-shared/i18n/text.ts';

export const TEXT = {
  iteration: t('반복 횟수', 'iterations', 'イテレーション', '迭代次数'),
  epoch: t('에폭', 'epochs', 'エポック', 'epoch'),
  epochOne: t('에폭', 'epoch', 'エポック', 'epoch'),
  loss: t('손실', 'loss', '損失', '损失'),
  accuracy: t('정확도', 'accuracy', '認識精度', '识别精度'),
  trainAcc: t('훈련 정확도', 'train accuracy', '訓練精度', '训练精度'),
  testAcc: t('시험 정확도', 'test accuracy', 'テスト精度', '测试精度'),
  valAcc: t('검증 정확도', 'validation accuracy', '検証精度', '验证精度'),
  count: t('개수', 'count', '個数', '个数'),
  emptyRun: t(
    '실행하면 여기에 그래프가 실시간으로 그려집니다.',
    'Run the experiment to watch these charts fill in live.',
    '実行すると、ここにグラフがリアルタイムで描かれます。',
    '运行实验后，图表会在这里实时绘制。',
  ),
  emptyPaths: t(
    '폼의 값으로 바로 계산한 경로입니다. 실행하면 저장된 경로가 그려집니다.',
    'Paths computed at once from the form’s values; a run stores them.',
    'フォームの値からすぐに計算した経路です。実行すると保存されます。',
    '根据表单数值即时计算的路径；运行后会保存。',
  ),
  waiting: t('대기 중', 'queued', '待機中', '等待中'),
  running: t('학습 중', 'training', '学習中', '学习中'),
  diverged: t('발산', 'diverged', '発散', '发散'),
  failed: t('실패', 'failed', '失敗', '失败'),
  cancelled: t('취소됨', 'cancelled', 'キャンセル済み', '已取消'),
  interrupted: t('중단됨', 'interrupted', '中断', '已中断'),
  done: t('완료', 'done', '完了', '完成'),
};

export const STATUS_TEXT: Record<string, Text> = {
  queued: TEXT.waiting,
  running: TEXT.running,
  diverged: TEXT.diverged,
  failed: TEXT.failed,
  cancelled: TEXT.cancelled,
  interrupted: TEXT.interrupted,
  done: TEXT.done,
};
