// What each experiment shows and what to look for, in every language, with the book's formulas
// (typeset by KaTeX in the page, offline). Formulas follow docs/EXPERIMENTS.md — the book's own.
import type { ExperimentId } from '../../src-shared/experiments/spec.ts';
import type { Text } from '../../src-shared/i18n/text.ts';

export interface Formula {
  label: Text;
  tex: string;
}

export interface Explanation {
  intro: Text[];
  formulas: Formula[];
  lookFor: Text[];
}

const g = String.raw`\frac{\partial L}{\partial W}`;

const OPTIMIZER_FORMULAS: Formula[] = [
  { label: { ko: 'SGD', en: 'SGD' }, tex: String.raw`W \leftarrow W - \eta\,${g}` },
  {
    label: { ko: '모멘텀', en: 'Momentum' },
    tex: String.raw`\begin{aligned} v &\leftarrow \alpha v - \eta\,${g} \\ W &\leftarrow W + v \end{aligned}`,
  },
  {
    label: { ko: 'AdaGrad', en: 'AdaGrad' },
    tex: String.raw`\begin{aligned} h &\leftarrow h + ${g} \odot ${g} \\ W &\leftarrow W - \eta\,\frac{1}{\sqrt{h}+\varepsilon}\,${g} \end{aligned}`,
  },
  {
    label: { ko: 'RMSprop', en: 'RMSprop' },
    tex: String.raw`\begin{aligned} h &\leftarrow \rho h + (1-\rho)\,${g} \odot ${g} \\ W &\leftarrow W - \eta\,\frac{1}{\sqrt{h}+\varepsilon}\,${g} \end{aligned}`,
  },
  {
    label: { ko: 'Adam', en: 'Adam' },
    tex: String.raw`\begin{aligned} g &= ${g} \\ \eta_t &= \eta\,\frac{\sqrt{1-\beta_2^{\,t}}}{1-\beta_1^{\,t}} \\ m &\leftarrow m + (1-\beta_1)(g-m) \\ v &\leftarrow v + (1-\beta_2)(g^2-v) \\ W &\leftarrow W - \eta_t\,\frac{m}{\sqrt{v}+\varepsilon} \end{aligned}`,
  },
];

export const EXPLANATIONS: Readonly<Record<ExperimentId, Explanation>> = {
  'optimizer-paths': {
    intro: [
      {
        ko: '옵티마이저는 기울기만 보고 매개변수를 어디로 얼마나 옮길지 정합니다. f(x, y) = x²/20 + y²는 x 방향으로 완만하고 y 방향으로 가파른 그릇 모양이라, 대부분의 점에서 기울기가 최솟값 (0, 0)을 똑바로 가리키지 않습니다.',
        en: 'An optimizer decides, from the gradient alone, where and how far to move the parameters. The bowl f(x, y) = x²/20 + y² is gentle along x and steep along y, so at most points the gradient does not point straight at the minimum (0, 0).',
      },
      {
        ko: '학습률이나 시작점을 바꾸면 경로가 바로 다시 그려집니다. 실행을 누르면 그 경로가 기록으로 남습니다.',
        en: 'Change a learning rate or the start point and the paths redraw at once; Run keeps them as a job.',
      },
    ],
    formulas: [
      {
        label: { ko: '함수와 기울기', en: 'Function and gradient' },
        tex: String.raw`\begin{aligned} f(x,y) &= \tfrac{1}{20}x^2+y^2 \\ \nabla f &= \left(\tfrac{x}{10},\,2y\right) \end{aligned}`,
      },
      ...OPTIMIZER_FORMULAS,
    ],
    lookFor: [
      {
        ko: 'SGD는 가파른 y 방향으로 지그재그하며 느리게 나아갑니다 (비등방성 함수에서의 약점).',
        en: 'SGD zigzags along the steep y direction and crawls along x — its weakness on anisotropic functions.',
      },
      {
        ko: '모멘텀은 공이 그릇을 구르듯 관성으로 x 방향 속도를 모읍니다.',
        en: 'Momentum gathers speed along x like a ball rolling in the bowl.',
      },
      {
        ko: 'AdaGrad는 크게 움직인 y 방향의 학습률을 빠르게 줄여 곧게 다가갑니다.',
        en: 'AdaGrad quickly shrinks the step along y, where it moved a lot, and heads in almost straight.',
      },
      {
        ko: '책의 마지막 위치: SGD (−0.387, −0.094), 모멘텀 (0.814, 0.273), AdaGrad (−0.136, 0.000), Adam (0.020, 0.322).',
        en: 'The book’s last positions: SGD (−0.387, −0.094), Momentum (0.814, 0.273), AdaGrad (−0.136, 0.000), Adam (0.020, 0.322).',
      },
    ],
  },
  'optimizer-compare': {
    intro: [
      {
        ko: '784-100-100-100-100-10 신경망(ReLU, He 초깃값)을 옵티마이저만 바꿔 같은 미니배치로 학습합니다. 반복마다 훈련 손실을 기록하고, 책처럼 매끄럽게 다듬은 곡선으로 비교합니다.',
        en: 'A 784-100-100-100-100-10 network (ReLU, He initial weights) is trained on the same minibatches with each optimizer. The training loss of every iteration is recorded and compared as the book’s smoothed curve.',
      },
    ],
    formulas: OPTIMIZER_FORMULAS,
    lookFor: [
      { ko: 'SGD가 가장 느리게 배웁니다.', en: 'SGD learns the slowest.' },
      {
        ko: '모멘텀, AdaGrad, Adam은 서로 비슷하게 빠르며, 보통 AdaGrad가 조금 앞섭니다.',
        en: 'Momentum, AdaGrad and Adam are close; AdaGrad is often slightly ahead.',
      },
      {
        ko: '결과는 학습률과 신경망 구조에 따라 달라집니다 — 학습률을 바꿔 다시 실행해 보세요.',
        en: 'The ranking depends on the learning rates and the network — change a rate and run again.',
      },
    ],
  },
  'activation-histograms': {
    intro: [
      {
        ko: '표준정규분포 입력 1000개를 100개 뉴런짜리 5개 층에 통과시키고, 각 층 활성화값의 분포를 히스토그램으로 봅니다. 가중치는 W = randn(100, 100) × 스케일이고 편향은 없습니다.',
        en: 'A thousand standard-normal inputs go through five layers of 100 units, and each layer’s activations are shown as a histogram. The weights are W = randn(100, 100) × scale, with no bias.',
      },
      {
        ko: '책은 (0, 1) 범위만 그려 tanh의 음수 쪽과 1보다 큰 ReLU 값이 보이지 않습니다. 범위를 “전체 범위”로 바꾸면 모두 보입니다.',
        en: 'The book plots only (0, 1), which hides tanh’s negative half and ReLU values above 1; choose the full range to see them.',
      },
    ],
    formulas: [
      {
        label: { ko: '층', en: 'Layer' },
        tex: String.raw`\begin{aligned} a^{(k)} &= h\!\left(a^{(k-1)} W^{(k)}\right) \\ W^{(k)}_{ij} &\sim \mathcal{N}(0,\sigma^2) \end{aligned}`,
      },
      { label: { ko: 'Xavier 초깃값', en: 'Xavier' }, tex: String.raw`\sigma = \sqrt{\frac{1}{n}}` },
      { label: { ko: 'He 초깃값', en: 'He' }, tex: String.raw`\sigma = \sqrt{\frac{2}{n}}\qquad(n = \text{fan-in})` },
      { label: { ko: '시그모이드', en: 'Sigmoid' }, tex: String.raw`\sigma(x) = \frac{1}{1+e^{-x}}` },
    ],
    lookFor: [
      {
        ko: '시그모이드 · 표준편차 1: 값이 0과 1에 몰립니다 — 기울기 소실.',
        en: 'Sigmoid · std 1: values pile up at 0 and 1 — vanishing gradients.',
      },
      {
        ko: '시그모이드 · 표준편차 0.01: 값이 0.5 근처에 몰립니다 — 뉴런이 모두 같은 일을 해 표현력이 줄어듭니다.',
        en: 'Sigmoid · std 0.01: values bunch around 0.5 — every neuron does the same thing, expressiveness is lost.',
      },
      {
        ko: 'Xavier는 층이 깊어져도 넓게 퍼집니다. ReLU에는 He가 층마다 고른 분포를 지킵니다.',
        en: 'Xavier keeps them spread through the layers; with ReLU, He keeps every layer’s distribution even.',
      },
    ],
  },
  'weight-init-compare': {
    intro: [
      {
        ko: '같은 5층 신경망을 SGD(학습률 0.01)로 학습하며 초깃값만 바꿉니다: 표준편차 0.01, Xavier, He. 반복마다 훈련 손실을 기록합니다.',
        en: 'The same five-layer network, trained with SGD (learning rate 0.01), with only the initial weights changed: std 0.01, Xavier, He. The training loss of every iteration is recorded.',
      },
    ],
    formulas: [
      { label: { ko: '가중치', en: 'Weights' }, tex: String.raw`W \sim \mathcal{N}(0,\sigma^2)` },
      { label: { ko: '표준편차 지정', en: 'Fixed std' }, tex: String.raw`\sigma = 0.01` },
      { label: { ko: 'Xavier', en: 'Xavier' }, tex: String.raw`\sigma = \sqrt{1/n}` },
      { label: { ko: 'He', en: 'He' }, tex: String.raw`\sigma = \sqrt{2/n}` },
    ],
    lookFor: [
      {
        ko: '표준편차 0.01은 거의 배우지 못합니다: 순전파 신호가 층마다 작아져 기울기도 사라집니다.',
        en: 'std 0.01 barely learns: the signal shrinks layer after layer and so do the gradients.',
      },
      { ko: 'He가 가장 빠르고 Xavier가 그 뒤를 바짝 따릅니다 (ReLU일 때).', en: 'He learns fastest, Xavier close behind (with ReLU).' },
    ],
  },
  'batchnorm-compare': {
    intro: [
      {
        ko: '훈련 데이터 1000개로, 가중치 표준편차를 1부터 0.0001까지 16가지로 바꿔 가며 배치 정규화를 쓴 신경망(실선)과 안 쓴 신경망(점선)을 같은 미니배치로 학습합니다. 에폭마다 훈련 정확도를 기록합니다.',
        en: 'On 1000 training images, for 16 weight stds from 1 down to 0.0001, a network with batch normalization (solid) and one without (dashed) are trained on the same minibatches; training accuracy is recorded every epoch.',
      },
    ],
    formulas: [
      { label: { ko: '미니배치 평균', en: 'Batch mean' }, tex: String.raw`\mu_B \leftarrow \frac{1}{m}\sum_{i=1}^{m} x_i` },
      {
        label: { ko: '미니배치 분산', en: 'Batch variance' },
        tex: String.raw`\sigma_B^2 \leftarrow \frac{1}{m}\sum_{i=1}^{m} (x_i-\mu_B)^2`,
      },
      { label: { ko: '정규화', en: 'Normalize' }, tex: String.raw`\hat{x}_i \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2+\varepsilon}}` },
      { label: { ko: '확대와 이동', en: 'Scale and shift' }, tex: String.raw`y_i \leftarrow \gamma\,\hat{x}_i + \beta` },
    ],
    lookFor: [
      {
        ko: '거의 모든 스케일에서 배치 정규화(실선)가 더 빨리 배웁니다.',
        en: 'At almost every scale batch normalization (solid) learns faster.',
      },
      {
        ko: '배치 정규화가 없으면 스케일이 너무 크거나 작을 때 전혀 배우지 못하기도 합니다. 초깃값에 덜 민감해지는 것이 배치 정규화의 장점입니다.',
        en: 'Without it, too large or too small a scale may not learn at all: batch normalization makes training far less sensitive to the initial weights.',
      },
    ],
  },
  'overfit-weight-decay': {
    intro: [
      {
        ko: '훈련 데이터를 300개로 줄이고 7층 신경망을 오래 학습해 일부러 오버피팅을 일으킵니다. 그런 다음 큰 가중치에 벌점을 주는 가중치 감소로 차이가 줄어드는지 봅니다. 에폭마다 훈련·시험 정확도를 기록합니다.',
        en: 'Only 300 training images and a seven-layer network trained for a long time: overfitting on purpose. Weight decay then penalizes large weights. Train and test accuracy are recorded every epoch.',
      },
    ],
    formulas: [
      { label: { ko: '손실', en: 'Loss' }, tex: String.raw`L' = L + \frac{1}{2}\lambda \sum W^2` },
      {
        label: { ko: '기울기', en: 'Gradient' },
        tex: String.raw`\frac{\partial L'}{\partial W} = \frac{\partial L}{\partial W} + \lambda W`,
      },
    ],
    lookFor: [
      {
        ko: 'λ = 0: 훈련 정확도는 135에폭 무렵 100%에 이르지만 시험 정확도는 75% 안팎에 머뭅니다.',
        en: 'λ = 0: training accuracy reaches 100% around epoch 135 while test accuracy stays near 75%.',
      },
      {
        ko: 'λ = 0.1: 두 곡선의 간격이 줄어듭니다 (책: 훈련 약 87%, 시험 약 70%). 훈련 정확도가 100%에 닿지 않는 것도 눈여겨보세요.',
        en: 'λ = 0.1: the gap narrows (book: train ~87%, test ~70%); note that training accuracy no longer reaches 100%.',
      },
    ],
  },
  dropout: {
    intro: [
      {
        ko: '오버피팅 실험과 같은 조건(훈련 데이터 300개, 7층 신경망)에 드롭아웃을 더합니다. 학습 때는 은닉 뉴런을 무작위로 끄고, 추론 때는 모든 뉴런을 쓰되 출력에 (1 − 비율)을 곱합니다 — 책의 방식 그대로입니다.',
        en: 'The overfitting setup (300 training images, a seven-layer network) with dropout: while training, hidden neurons are switched off at random; at inference every neuron is used and its output is scaled by (1 − ratio), exactly as in the book.',
      },
    ],
    formulas: [
      {
        label: { ko: '학습', en: 'Training' },
        tex: String.raw`\text{mask}_i = [\,r_i > p\,],\quad r_i \sim U(0,1),\qquad y = x \odot \text{mask}`,
      },
      { label: { ko: '추론', en: 'Inference' }, tex: String.raw`y = x\,(1-p)` },
    ],
    lookFor: [
      {
        ko: '드롭아웃이 있으면 훈련 정확도가 100%에 닿지 않고 훈련·시험 간격이 줄어듭니다.',
        en: 'With dropout, training accuracy stops short of 100% and the train/test gap narrows.',
      },
      {
        ko: '책의 그림 6-23처럼 같은 미니배치로 드롭아웃 없는 신경망도 함께 학습합니다: 드롭아웃이 없으면 훈련 정확도가 100%에 닿고 시험 정확도와 멀어집니다. (“드롭아웃 없는 신경망과 비교”를 끄면 하나만 학습합니다.)',
        en: 'As in the book’s Fig. 6-23, the same network is also trained without dropout on the same minibatches: without it, training accuracy reaches 100% and pulls away from test accuracy. (Turn off “Also train without dropout” to train one network.)',
      },
    ],
  },
  'hyperparameter-search': {
    intro: [
      {
        ko: '훈련 데이터 500개를 섞어 20%를 검증 데이터로 떼어 두고, 학습률과 가중치 감소 계수를 로그 스케일에서 무작위로 뽑아 시도마다 50에폭 학습합니다. 시험 데이터는 하이퍼파라미터를 고르는 데 쓰면 안 되므로 전혀 쓰지 않습니다.',
        en: '500 training images are shuffled and 20% held out for validation; learning rate and weight decay are drawn at random on a log scale, and each trial trains for 50 epochs. The test set is never touched — it must not be used to pick hyperparameters.',
      },
    ],
    formulas: [
      { label: { ko: '가중치 감소', en: 'Weight decay' }, tex: String.raw`\lambda = 10^{u},\quad u \sim U(-8,\,-4)` },
      { label: { ko: '학습률', en: 'Learning rate' }, tex: String.raw`\eta = 10^{u},\quad u \sim U(-6,\,-2)` },
    ],
    lookFor: [
      {
        ko: '검증 정확도 순으로 상위 시도를 보세요. 책에서는 학습률 0.001–0.01, 가중치 감소 1e−8–1e−6 근처가 좋았습니다 (최고 약 0.84).',
        en: 'Look at the best trials by validation accuracy: in the book, learning rates of 0.001–0.01 and weight decay of 1e−8–1e−6 did best (about 0.84).',
      },
      {
        ko: '좋은 범위를 찾으면 지수 범위를 좁혀 다시 탐색합니다 — 책이 권하는 방식입니다.',
        en: 'Once a good region shows up, narrow the exponent ranges and search again — the book’s recipe.',
      },
      {
        ko: '“범위를 좁혀 다시 찾기…”는 끝난 시도 중 상위 20%의 범위로 탐색 양식을 채워 다음 라운드를 준비합니다. 취소된 탐색에서는 끝까지 학습한 시도만 순위에 듭니다.',
        en: '“Narrow the range and search again…” fills the search form with the ranges of the best 20% of the finished trials for the next round. In a cancelled search only the trials that trained to the end are ranked.',
      },
    ],
  },
  'gradient-check': {
    intro: [
      {
        ko: '오차역전파로 구한 기울기가 맞는지, 수치 미분(중심 차분)과 매개변수마다 비교합니다. 역전파는 학습 때처럼 float32로, 수치 미분은 float64로 계산하므로 올바른 역전파도 float32 반올림만큼은 다릅니다. 그래서 상대 오차 ‖역전파 − 수치 미분‖ / (‖역전파‖ + ‖수치 미분‖)가 10⁻⁵ 미만이면 통과로 판정합니다 (float32의 유효 숫자는 약 7자리, 식이 틀리면 0.1–1). 책의 약 10⁻¹⁰ 차이는 둘 다 float64로 계산했을 때의 값입니다.',
        en: 'Backpropagation is checked against numerical gradients (central differences), parameter by parameter. Backprop runs in float32, as in training, and the numerical gradient in float64, so even a correct backward pass differs by float32 rounding: a parameter passes when the relative error ‖backprop − numerical‖ / (‖backprop‖ + ‖numerical‖) is below 10⁻⁵ (float32 keeps about 7 digits; a wrong formula gives 0.1–1). The book’s ~10⁻¹⁰ differences come from computing both in float64.',
      },
      {
        ko: '책의 배치 정규화 확인은 표본 1개를 써서 정규화 값이 모두 0이 되어 아무것도 확인하지 못합니다. 여기서는 2개 이상(기본 10개)을 씁니다.',
        en: 'The book checks batch normalization with a single sample, where every normalized value is 0 and the check proves nothing; here at least 2 (by default 10) are used.',
      },
    ],
    formulas: [
      {
        label: { ko: '중심 차분', en: 'Central difference' },
        tex: String.raw`\frac{\partial L}{\partial w} \approx \frac{L(w+h)-L(w-h)}{2h}`,
      },
      {
        label: { ko: '비교', en: 'Compared' },
        tex: String.raw`\operatorname{mean}\left|\,\nabla_{\text{backprop}} - \nabla_{\text{numerical}}\,\right|`,
      },
      {
        label: { ko: '판정 (float32 역전파)', en: 'Verdict (float32 backprop)' },
        tex: String.raw`\frac{\lVert \nabla_{\text{backprop}} - \nabla_{\text{numerical}} \rVert}{\lVert \nabla_{\text{backprop}} \rVert + \lVert \nabla_{\text{numerical}} \rVert} < 10^{-5}`,
      },
      {
        label: { ko: 'BN 바로 앞의 편향', en: 'Bias before BN' },
        tex: String.raw`\text{BN}(xW + b) = \text{BN}(xW) \;\Rightarrow\; \tfrac{\partial L}{\partial b} = 0`,
      },
    ],
    lookFor: [
      {
        ko: '배치 정규화 바로 앞 Affine 층의 편향은 기울기가 거의 0입니다: 미니배치 평균을 빼면서 b가 그대로 상쇄되기 때문입니다.',
        en: 'The biases of an Affine layer right before a BatchNorm get almost no gradient: subtracting the batch mean cancels b exactly.',
      },
      { ko: '드롭아웃은 마스크를 고정한 채 확인합니다.', en: 'Dropout is checked with its mask held fixed.' },
      {
        ko: '기울기가 있는 매개변수는 모두 통과해야 합니다 (상대 오차 10⁻⁵ 미만, 보통 10⁻⁷ 언저리). 역전파 식이 틀리면 0.1–1이 나옵니다.',
        en: 'Every parameter with a gradient should pass (relative error below 10⁻⁵, typically around 10⁻⁷); a wrong backward formula gives 0.1–1.',
      },
    ],
  },
};
