// Words of the inspector page, in every language.
import { t } from '../charts/format.ts';

export const I = {
  title: (jobId: number) => t(`작업 #${jobId}의 신경망 들여다보기`, `Inside the networks of job #${jobId}`),
  intro: t(
    '이 작업이 학습한 신경망을 그대로 불러와, 직접 그린 숫자와 시험 데이터 10,000장으로 무엇을 맞히고 무엇을 틀리는지 봅니다. 계산은 학습과 같은 엔진이 작업자 스레드에서 합니다.',
    'The networks this job trained, exactly as stored: see what they get right and wrong on a digit you draw and on the 10,000 test images. Computed in a worker thread by the engine that trained them.',
  ),
  back: t('← 작업 기록', '← Job record'),
  inspect: t('신경망 들여다보기', 'Inspect'),
  inspectHint: t(
    '학습된 신경망으로 숫자 그리기, 혼동 행렬, 틀린 그림',
    'Draw a digit, confusion matrices and mistakes of the trained networks',
  ),
  noNetworks: t(
    '이 작업에는 저장된 학습 신경망이 없습니다 (이 기능 이전에 실행했거나, MNIST 실험이 아니거나, 발산했습니다).',
    'This job kept no trained networks (it ran before they were kept, is not an MNIST experiment, or diverged).',
  ),
  networksKept: (n: number, total: number) => t(`저장된 신경망 ${n}개 (전체 ${total}개)`, `${n} of ${total} networks kept`),
  unavailable: t('쓸 수 없는 신경망 (데이터베이스에서 손상됨):', 'Networks that cannot be used (damaged in the database):'),

  drawTitle: t('숫자를 그려 보세요', 'Draw a digit'),
  drawHelp: t(
    '마우스, 펜, 터치로 그리면 그리는 동안 모든 신경망이 예측합니다. 그림은 MNIST를 만든 방식대로 바뀝니다: 20×20 상자에 맞추고, 무게중심을 28×28의 가운데에 둡니다.',
    'Draw with mouse, pen or touch; every network predicts as you draw. The drawing becomes an input the way MNIST was made: fitted into 20×20, its centre of mass at the centre of 28×28.',
  ),
  canvas: t('숫자를 그리는 칸', 'Drawing area for a digit'),
  preview: t('신경망이 보는 28×28 입력', 'The 28×28 input the networks see'),
  clear: t('지우기', 'Clear'),
  empty: t('그림이 비어 있습니다.', 'Nothing drawn yet.'),
  latency: (ms: string, worker: string) => t(`예측 ${ms} ms (작업자 ${worker} ms)`, `predicted in ${ms} ms (worker ${worker} ms)`),
  predictions: t('신경망별 소프트맥스 출력', 'Softmax output of each network'),
  predicts: (label: string, digit: number, p: string) => t(`${label}: ${digit} (${p})`, `${label}: ${digit} (${p})`),

  reportTitle: t('시험 데이터 10,000장에서', 'On the 10,000 test images'),
  computing: t('시험 데이터 10,000장으로 계산하는 중…', 'Computing on the 10,000 test images…'),
  accuracy: t('정확도', 'accuracy'),
  network: t('신경망', 'Network'),
  confusionTitle: t('혼동 행렬', 'Confusion matrix'),
  confusionHelp: t(
    '행: 정답, 열: 예측. 칸을 누르면 그 그림들이 보입니다.',
    'Rows: true digit, columns: predicted. Click a cell to see its images.',
  ),
  trueDigit: t('정답', 'true'),
  predictedDigit: t('예측', 'predicted'),
  cell: (truth: number, predicted: number, n: number) =>
    t(`정답 ${truth}, 예측 ${predicted}: ${n}장`, `true ${truth}, predicted ${predicted}: ${n} images`),
  cellImages: (truth: number, predicted: number, n: number) =>
    t(`정답 ${truth}을(를) ${predicted}(으)로 예측한 그림 ${n}장`, `${n} images of a ${truth} predicted as ${predicted}`),
  mistakesTitle: t('틀린 그림 (확신이 큰 순서)', 'Mistakes, most confident first'),
  mistakesCount: (shown: number, total: number) => t(`${total}장 중 ${shown}장`, `${shown} of ${total}`),
  disagreeTitle: t('두 신경망의 예측이 다른 그림', 'Digits two networks disagree on'),
  disagreeCount: (n: number) => t(`${n}장`, `${n} images`),
  versus: t('와(과)', 'vs'),
  more: t('더 보기', 'Show more'),
  label: (digit: number) => t(`정답 ${digit}`, `true ${digit}`),
  failed: t('계산하지 못했습니다:', 'Could not compute:'),
};
