// Words of the X-ray panel, in every language.
import { t } from '../charts/format.ts';

export const X = {
  title: t('X선: 학습 중인 신경망의 각 층', 'X-ray: every layer while it trains'),
  intro: t(
    '학습하는 동안 K번 반복마다 은닉층마다 활성화 값의 분포, 역전파된 기울기 ∂L/∂z의 분포(로그 눈금), 가중치 갱신 비율 ‖ΔW‖/‖W‖를 기록합니다.',
    'Every K iterations of the real training, each hidden layer’s activations, the gradient ∂L/∂z backpropagated to it (on a log scale) and the update ratio ‖ΔW‖/‖W‖ are recorded.',
  ),
  network: t('신경망', 'Network'),
  iteration: t('반복', 'Iteration'),
  stepBack: t('이전 표본', 'Previous sample'),
  stepForward: t('다음 표본', 'Next sample'),
  follow: t('실시간 따라가기', 'Follow live'),
  noSamples: t('아직 X선 표본이 없습니다.', 'No X-ray samples yet.'),
  loading: t('X선 표본을 불러오는 중…', 'Loading the X-ray samples…'),
  layer: (k: number) => t(`${k}층`, `Layer ${k}`),
  activations: t('활성화 값', 'Activations'),
  gradients: t('기울기 |∂L/∂z| (log₁₀)', 'Gradients |∂L/∂z| (log₁₀)'),
  zeroShare: t('정확히 0', 'exactly 0'),
  std: t('표준편차', 'std'),
  rms: t('rms', 'rms'),
  gradientCurves: t('층별 기울기 크기', 'Gradient size per layer'),
  updateCurves: t('층별 갱신 비율 ‖ΔW‖/‖W‖', 'Update ratio ‖ΔW‖/‖W‖ per layer'),
  gradientMetric: t('기울기', 'Gradient'),
  dz: t('∂L/∂z의 rms', 'rms of ∂L/∂z'),
  dW: t('‖∂L/∂W‖', '‖∂L/∂W‖'),
  table: t('이 반복에서 층마다 도달한 기울기 (∂L/∂z의 rms)', 'Gradient reaching each layer at this iteration (rms of ∂L/∂z)'),
  tableNetwork: t('신경망', 'Network'),
  lookFor: t(
    '볼 것: std=0.01이면 입력 쪽 층일수록 기울기가 0에 가까워집니다(기울기 소실). He는 층마다 비슷합니다. 시그모이드·std=1이면 활성화가 0과 1에 몰립니다. 배치 정규화는 어느 가중치 스케일에서도 분포를 고르게 유지합니다.',
    'Look for: with std=0.01 the gradient shrinks towards zero layer by layer back to the input (vanishing gradients); with He it stays alike in every layer. With sigmoid and std=1 the activations pile up at 0 and 1. With batch norm the distributions stay spread at every weight scale.',
  ),
  clamped: t('범위 밖의 값은 양 끝 칸에 셉니다.', 'Values outside the range are counted in the end bins.'),
};
