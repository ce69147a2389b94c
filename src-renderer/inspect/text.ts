// Words of the inspector page, in every language.
import { t } from '../charts/format.ts';

export const I = {
  title: (jobId: number) =>
    t(
      `작업 #${jobId}의 신경망 들여다보기`,
      `Inside the networks of job #${jobId}`,
      `実行 #${jobId} のネットワークの中身`,
      `运行 #${jobId} 的网络内部`,
    ),
  intro: t(
    '이 작업이 학습한 신경망을 그대로 불러와, 직접 그린 숫자와 시험 데이터 10,000장으로 무엇을 맞히고 무엇을 틀리는지 봅니다. 계산은 학습과 같은 엔진이 작업자 스레드에서 합니다.',
    'The networks this job trained, exactly as stored: see what they get right and wrong on a digit you draw and on the 10,000 test images. Computed in a worker thread by the engine that trained them.',
    'この実行が学習したネットワークを、保存されたそのままの形で調べます。手で描いた数字と10,000枚のテスト画像で、何を正しく、何を間違えるかを見てください。学習したのと同じエンジンがワーカースレッドで計算します。',
    '这次运行训练出的网络，与保存时完全一样：看看它们在你手写的数字和10,000张测试图像上哪里对、哪里错。由训练它们的同一个引擎在工作线程中计算。',
  ),
  back: t('← 작업 기록', '← Job record', '← 実行の記録', '← 运行记录'),
  inspect: t('신경망 들여다보기', 'Inspect', '調べる', '检查'),
  inspectHint: t(
    '학습된 신경망으로 숫자 그리기, 혼동 행렬, 틀린 그림',
    'Draw a digit, confusion matrices and mistakes of the trained networks',
    '数字を描く、学習済みネットワークの混同行列と間違い',
    '手写数字、已训练网络的混淆矩阵与错误',
  ),
  noNetworks: t(
    '이 작업에는 저장된 학습 신경망이 없습니다 (이 기능 이전에 실행했거나, MNIST 실험이 아니거나, 발산했습니다).',
    'This job kept no trained networks (it ran before they were kept, is not an MNIST experiment, or diverged).',
    'この実行には学習済みネットワークが残っていません（保存が始まる前の実行か、MNISTの実験でないか、発散しました）。',
    '这次运行没有保留训练好的网络（它早于保留功能、不是MNIST实验，或已发散）。',
  ),
  networksKept: (n: number, total: number) =>
    t(
      `저장된 신경망 ${n}개 (전체 ${total}개)`,
      `${n} of ${total} networks kept`,
      `${total}個中${n}個のネットワークを保存`,
      `保留了${total}个中的${n}个网络`,
    ),
  unavailable: t(
    '쓸 수 없는 신경망 (데이터베이스에서 손상됨):',
    'Networks that cannot be used (damaged in the database):',
    '使えないネットワーク（データベース内で破損）:',
    '无法使用的网络（数据库中已损坏）：',
  ),

  drawTitle: t('숫자를 그려 보세요', 'Draw a digit', '数字を描く', '手写数字'),
  drawHelp: t(
    '마우스, 펜, 터치로 그리면 그리는 동안 모든 신경망이 예측합니다. 그림은 MNIST를 만든 방식대로 바뀝니다: 20×20 상자에 맞추고, 무게중심을 28×28의 가운데에 둡니다.',
    'Draw with mouse, pen or touch; every network predicts as you draw. The drawing becomes an input the way MNIST was made: fitted into 20×20, its centre of mass at the centre of 28×28.',
    'マウス、ペン、タッチで描いてください。描くそばから各ネットワークが予測します。描いた絵はMNISTと同じ方法で入力になります：20×20に収め、重心を28×28の中心に置きます。',
    '用鼠标、笔或触摸书写；每个网络都会随着书写实时预测。书写的图像按MNIST的制作方式变为输入：缩放到20×20，并使其质心位于28×28的中心。',
  ),
  canvas: t('숫자를 그리는 칸', 'Drawing area for a digit', '数字を描く領域', '手写数字区域'),
  preview: t('신경망이 보는 28×28 입력', 'The 28×28 input the networks see', 'ネットワークが見る28×28の入力', '网络看到的28×28输入'),
  clear: t('지우기', 'Clear', '消去', '清除'),
  empty: t('그림이 비어 있습니다.', 'Nothing drawn yet.', 'まだ何も描かれていません。', '还没有书写任何内容。'),
  latency: (ms: string, worker: string) =>
    t(
      `예측 ${ms} ms (작업자 ${worker} ms)`,
      `predicted in ${ms} ms (worker ${worker} ms)`,
      `${ms} msで予測（ワーカー ${worker} ms）`,
      `预测用时 ${ms} ms（工作线程 ${worker} ms）`,
    ),
  predictions: t('신경망별 소프트맥스 출력', 'Softmax output of each network', '各ネットワークのソフトマックス出力', '各网络的softmax输出'),
  predicts: (label: string, digit: number, p: string) =>
    t(`${label}: ${digit} (${p})`, `${label}: ${digit} (${p})`, `${label}: ${digit}（${p}）`, `${label}：${digit}（${p}）`),

  reportTitle: t('시험 데이터 10,000장에서', 'On the 10,000 test images', '10,000枚のテスト画像で', '在10,000张测试图像上'),
  computing: t(
    '시험 데이터 10,000장으로 계산하는 중…',
    'Computing on the 10,000 test images…',
    '10,000枚のテスト画像で計算中…',
    '正在10,000张测试图像上计算…',
  ),
  accuracy: t('정확도', 'accuracy', '認識精度', '识别精度'),
  network: t('신경망', 'Network', 'ネットワーク', '网络'),
  confusionTitle: t('혼동 행렬', 'Confusion matrix', '混同行列', '混淆矩阵'),
  confusionHelp: t(
    '행: 정답, 열: 예측. 칸을 누르면 그 그림들이 보입니다.',
    'Rows: true digit, columns: predicted. Click a cell to see its images.',
    '行：正解の数字、列：予測。セルをクリックすると画像を表示します。',
    '行：真实数字，列：预测。点击单元格查看其图像。',
  ),
  trueDigit: t('정답', 'true', '正解', '真实'),
  predictedDigit: t('예측', 'predicted', '予測', '预测'),
  cell: (truth: number, predicted: number, n: number) =>
    t(
      `정답 ${truth}, 예측 ${predicted}: ${n}장`,
      `true ${truth}, predicted ${predicted}: ${n} images`,
      `正解 ${truth}、予測 ${predicted}：${n}枚`,
      `真实 ${truth}，预测 ${predicted}：${n}张`,
    ),
  cellImages: (truth: number, predicted: number, n: number) =>
    t(
      `정답 ${truth}을(를) ${predicted}(으)로 예측한 그림 ${n}장`,
      `${n} images of a ${truth} predicted as ${predicted}`,
      `${predicted} と予測された ${truth} の画像 ${n}枚`,
      `被预测为 ${predicted} 的 ${truth} 图像 ${n}张`,
    ),
  mistakesTitle: t('틀린 그림 (확신이 큰 순서)', 'Mistakes, most confident first', '間違い（確信度の高い順）', '错误（置信度高的优先）'),
  mistakesCount: (shown: number, total: number) =>
    t(`${total}장 중 ${shown}장`, `${shown} of ${total}`, `${total}件中${shown}件`, `共${total}个，显示${shown}个`),
  disagreeTitle: t(
    '두 신경망의 예측이 다른 그림',
    'Digits two networks disagree on',
    '2つのネットワークで答えが分かれる数字',
    '两个网络判断不一致的数字',
  ),
  disagreeCount: (n: number) => t(`${n}장`, `${n} images`, `${n}枚`, `${n}张`),
  versus: t('와(과)', 'vs', '対', '对'),
  more: t('더 보기', 'Show more', 'もっと見る', '显示更多'),
  label: (digit: number) => t(`정답 ${digit}`, `true ${digit}`, `正解 ${digit}`, `真实 ${digit}`),
  failed: t('계산하지 못했습니다:', 'Could not compute:', '計算できませんでした:', '无法计算：'),
};
