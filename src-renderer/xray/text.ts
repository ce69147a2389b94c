// Words of the X-ray panel, in every language.
import { t } from '../charts/format.ts';

export const X = {
  title: t('X선: 학습 중인 신경망의 각 층', 'X-ray: every layer while it trains', 'X線：学習中の各層', 'X光：训练中的每一层'),
  intro: t(
    '학습하는 동안 K번 반복마다 은닉층마다 활성화 값의 분포, 역전파된 기울기 ∂L/∂z의 분포(로그 눈금), 가중치 갱신 비율 ‖ΔW‖/‖W‖를 기록합니다.',
    'Every K iterations of the real training, each hidden layer’s activations, the gradient ∂L/∂z backpropagated to it (on a log scale) and the update ratio ‖ΔW‖/‖W‖ are recorded.',
    '実際の学習のKイテレーションごとに、各隠れ層のアクティベーション、そこへ逆伝播してきた勾配 ∂L/∂z（対数スケール）、更新の比 ‖ΔW‖/‖W‖ を記録します。',
    '在实际训练中每K次迭代，记录每个隐藏层的激活值、反向传播到该层的梯度 ∂L/∂z（对数刻度）以及更新比 ‖ΔW‖/‖W‖。',
  ),
  network: t('신경망', 'Network', 'ネットワーク', '网络'),
  iteration: t('반복', 'Iteration', 'イテレーション', '迭代'),
  stepBack: t('이전 표본', 'Previous sample', '前のサンプル', '上一个样本'),
  stepForward: t('다음 표본', 'Next sample', '次のサンプル', '下一个样本'),
  follow: t('실시간 따라가기', 'Follow live', 'ライブで追う', '实时跟随'),
  noSamples: t('아직 X선 표본이 없습니다.', 'No X-ray samples yet.', 'X線のサンプルはまだありません。', '还没有X光样本。'),
  loading: t('X선 표본을 불러오는 중…', 'Loading the X-ray samples…', 'X線のサンプルを読み込み中…', '正在加载X光样本…'),
  layer: (k: number) => t(`${k}층`, `Layer ${k}`, `第${k}層`, `第${k}层`),
  activations: t('활성화 값', 'Activations', 'アクティベーション', '激活值'),
  gradients: t('기울기 |∂L/∂z| (log₁₀)', 'Gradients |∂L/∂z| (log₁₀)', '勾配 |∂L/∂z|（log₁₀）', '梯度 |∂L/∂z|（log₁₀）'),
  zeroShare: t('정확히 0', 'exactly 0', 'ちょうど0', '恰好为0'),
  std: t('표준편차', 'std', '標準偏差', '标准差'),
  rms: t('rms', 'rms', 'rms', 'rms'),
  gradientCurves: t('층별 기울기 크기', 'Gradient size per layer', '層ごとの勾配の大きさ', '各层的梯度大小'),
  updateCurves: t('층별 갱신 비율 ‖ΔW‖/‖W‖', 'Update ratio ‖ΔW‖/‖W‖ per layer', '層ごとの更新の比 ‖ΔW‖/‖W‖', '各层的更新比 ‖ΔW‖/‖W‖'),
  gradientMetric: t('기울기', 'Gradient', '勾配', '梯度'),
  dz: t('∂L/∂z의 rms', 'rms of ∂L/∂z', '∂L/∂z のrms', '∂L/∂z 的rms'),
  dW: t('‖∂L/∂W‖', '‖∂L/∂W‖', '‖∂L/∂W‖', '‖∂L/∂W‖'),
  table: t(
    '이 반복에서 층마다 도달한 기울기 (∂L/∂z의 rms)',
    'Gradient reaching each layer at this iteration (rms of ∂L/∂z)',
    'このイテレーションで各層に届く勾配（∂L/∂z のrms）',
    '本次迭代到达各层的梯度（∂L/∂z 的rms）',
  ),
  tableNetwork: t('신경망', 'Network', 'ネットワーク', '网络'),
  lookFor: t(
    '볼 것: std=0.01이면 입력 쪽 층일수록 기울기가 0에 가까워집니다(기울기 소실). He는 층마다 비슷합니다. 시그모이드·std=1이면 활성화가 0과 1에 몰립니다. 배치 정규화는 어느 가중치 스케일에서도 분포를 고르게 유지합니다.',
    'Look for: with std=0.01 the gradient shrinks towards zero layer by layer back to the input (vanishing gradients); with He it stays alike in every layer. With sigmoid and std=1 the activations pile up at 0 and 1. With batch norm the distributions stay spread at every weight scale.',
    '注目するところ：std=0.01 では勾配が入力側へ向かって層ごとに0へ縮みます（勾配消失）。Heでは各層でほぼ同じです。シグモイドでstd=1だとアクティベーションが0と1に偏ります。Batch Normを使うとどの重みのスケールでも分布が広がったままです。',
    '值得注意：std=0.01 时，梯度向输入方向逐层缩小到0（梯度消失）；使用He时各层大致相同。使用sigmoid且std=1时，激活值偏向0和1。使用Batch Norm时，无论权重尺度如何，分布都保持展开。',
  ),
  clamped: t(
    '범위 밖의 값은 양 끝 칸에 셉니다.',
    'Values outside the range are counted in the end bins.',
    '範囲外の値は両端のビンに数えます。',
    '超出范围的值计入两端的区间。',
  ),
};
