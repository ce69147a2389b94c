// Why a run or a job did not end well, as data. Workers and the run manager produce these, the
// store keeps them as JSON, and every screen and the CLI put them into words in the user's language
// here — so that editing a sentence can never break a translation, and no stack trace or file
// path ever reaches a screen.
import type { Lang, Text } from './i18n/text.ts';

export type RunProblem =
  /** The loss became NaN/Inf (`loss` null) at `iteration` (1-based); training stopped there. */
  | { code: 'diverged'; iteration: number; loss: number | null }
  /** The training threw; `message` is the error's first line, without file paths. */
  | { code: 'error'; message: string }
  /** The worker thread died under the run (out of memory, a crash). */
  | { code: 'worker-exited'; exitCode: number | null };

/** Why the database refused a write (src-main/store/errors.ts). */
export type StoreFault = 'busy' | 'full' | 'readonly' | 'damaged' | 'io';
export const STORE_FAULTS: readonly StoreFault[] = ['busy', 'full', 'readonly', 'damaged', 'io'];

export type JobProblem =
  /** `failed` of `total` runs failed; `first` is the first failure's problem. */
  | { code: 'runs-failed'; failed: number; total: number; first: RunProblem | null }
  /** The database stopped taking the job's progress; what was written before is kept. */
  | { code: 'store-failed'; fault: StoreFault };

const NAN_WORDS: Text = { ko: 'NaN(또는 무한대)', en: 'NaN (or infinite)', ja: 'NaN（または無限大）', zh: 'NaN（或无穷大）' };

const fmtLoss = (loss: number | null, lang: Lang): string => (loss !== null ? String(+loss.toPrecision(4)) : NAN_WORDS[lang]);

const RUN_WORDS: { [C in RunProblem['code']]: (p: Extract<RunProblem, { code: C }>) => Text } = {
  diverged: (p) => ({
    ko: `${p.iteration}번째 반복에서 손실이 ${fmtLoss(p.loss, 'ko')}이 되어 학습을 멈췄습니다 (학습률이나 가중치 스케일을 줄여 보세요).`,
    en: `The loss became ${fmtLoss(p.loss, 'en')} at iteration ${p.iteration}; training stopped (try a smaller learning rate or weight scale).`,
    ja: `${p.iteration}回目のイテレーションで損失が ${fmtLoss(p.loss, 'ja')} になり、学習を止めました（学習係数か重みのスケールを小さくしてみてください）。`,
    zh: `第${p.iteration}次迭代时损失变为 ${fmtLoss(p.loss, 'zh')}，学习已停止（请尝试更小的学习率或权重尺度）。`,
  }),
  error: (p) => {
    const message = cleanErrorText(p.message);
    return {
      ko: `학습 중 오류: ${message}`,
      en: `Training failed: ${message}`,
      ja: `学習中のエラー: ${message}`,
      zh: `训练出错：${message}`,
    };
  },
  'worker-exited': (p) => ({
    ko: `학습하던 작업 스레드가 멈췄습니다${p.exitCode === null ? '' : ` (종료 코드 ${p.exitCode})`}. 메모리가 부족했을 수 있습니다.`,
    en: `The worker thread training it stopped${p.exitCode === null ? '' : ` (exit code ${p.exitCode})`}; it may have run out of memory.`,
    ja: `学習していたワーカースレッドが止まりました${p.exitCode === null ? '' : `（終了コード ${p.exitCode}）`}。メモリが足りなかった可能性があります。`,
    zh: `训练它的工作线程已停止${p.exitCode === null ? '' : `（退出代码 ${p.exitCode}）`}；可能是内存不足。`,
  }),
};

export function runProblemText(problem: RunProblem, lang: Lang): string {
  return (RUN_WORDS[problem.code] as (p: RunProblem) => Text)(problem)[lang];
}

const STORE_FAULT_WORDS: Record<StoreFault, Text> = {
  busy: {
    ko: '다른 프로세스가 데이터베이스를 너무 오래 잠가 두었습니다',
    en: 'another process kept the database locked for too long',
    ja: '別のプロセスがデータベースを長くロックしすぎました',
    zh: '另一个进程锁定数据库的时间过长',
  },
  full: { ko: '디스크가 가득 찼습니다', en: 'the disk is full', ja: 'ディスクがいっぱいです', zh: '磁盘已满' },
  readonly: {
    ko: '데이터베이스에 쓸 수 없습니다 (읽기 전용)',
    en: 'the database cannot be written (read-only)',
    ja: 'データベースに書き込めません（読み取り専用）',
    zh: '无法写入数据库（只读）',
  },
  damaged: {
    ko: '데이터베이스 파일이 손상되었습니다',
    en: 'the database file is damaged',
    ja: 'データベースファイルが破損しています',
    zh: '数据库文件已损坏',
  },
  io: {
    ko: '디스크 입출력 오류가 났습니다',
    en: 'the disk reported an I/O error',
    ja: 'ディスクの入出力エラーが起きました',
    zh: '磁盘发生了I/O错误',
  },
};

export function jobProblemText(problem: JobProblem, lang: Lang): string {
  if (problem.code === 'store-failed') {
    const reason = STORE_FAULT_WORDS[problem.fault];
    return {
      ko: `학습을 멈췄습니다: ${reason.ko}. 그때까지 저장된 점은 남아 있습니다.`,
      en: `Training stopped: ${reason.en}. The points saved until then are kept.`,
      ja: `学習が止まりました：${reason.ja}。それまでに保存した点は残っています。`,
      zh: `训练已停止：${reason.zh}。之前保存的点已保留。`,
    }[lang];
  }
  const head: Text = {
    ko: `네트워크 ${problem.total}개 중 ${problem.failed}개가 실패했습니다`,
    en: `${problem.failed} of ${problem.total} runs failed`,
    ja: `${problem.total}個中${problem.failed}個の実行が失敗しました`,
    zh: `${problem.total}个中有${problem.failed}个运行失败`,
  };
  return problem.first ? `${head[lang]}: ${runProblemText(problem.first, lang)}` : `${head[lang]}.`;
}

/**
 * What of an error's text may reach a screen: its first line that is not a stack frame, with file
 * paths and URLs (POSIX, Windows, file://, with their :line:column) taken out, at most 300
 * characters. The one sanitizer: the worker's failures, the run problems a screen puts into words
 * (an imported file may carry anything) and every error the lab's handlers report go through it.
 */
export function cleanErrorText(text: string): string {
  const first =
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line !== '' && !/^at\s.*(?:\(.*\)|:\d+:\d+)$/.test(line)) ?? '';
  return (
    first
      .replace(/\b(?:file|https?|node):\/\/\S+/g, '…')
      .replace(/(?:\b[A-Za-z]:)?(?:[\\/][^\s:'"()<>\\/]+){2,}[\\/]?(?::\d+)*/g, '…')
      .replace(/(?:\b[A-Za-z]:)?[\\/][^\s:'"()<>\\/]+\.[A-Za-z][A-Za-z0-9]{0,4}(?::\d+)*/g, '…')
      .slice(0, 300)
      .trim() || 'unknown error'
  );
}

/** An error of a call over Electron's IPC as the page may show it: without Electron's "Error invoking remote method 'lab:x': Error:" prefix, cleaned. */
export function remoteErrorText(text: string): string {
  return cleanErrorText(text.replace(/^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/, ''));
}

/** An exception's first line with file paths and URLs taken out: what a run's `error` problem keeps. */
export function errorMessage(error: unknown): string {
  return cleanErrorText(error instanceof Error ? error.message : String(error));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A run problem that crossed a boundary (a worker message, a stored row, an import), or null if it is not one. */
export function parseRunProblem(value: unknown): RunProblem | null {
  if (!isRecord(value)) return null;
  switch (value.code) {
    case 'diverged':
      return Number.isSafeInteger(value.iteration) && (value.loss === null || typeof value.loss === 'number')
        ? { code: 'diverged', iteration: value.iteration as number, loss: value.loss as number | null }
        : null;
    case 'error':
      return typeof value.message === 'string' ? { code: 'error', message: value.message.slice(0, 300) } : null;
    case 'worker-exited':
      return value.exitCode === null || Number.isSafeInteger(value.exitCode)
        ? { code: 'worker-exited', exitCode: value.exitCode as number | null }
        : null;
    default:
      return null;
  }
}

export function parseJobProblem(value: unknown): JobProblem | null {
  if (!isRecord(value)) return null;
  if (value.code === 'store-failed')
    return STORE_FAULTS.includes(value.fault as StoreFault) ? { code: 'store-failed', fault: value.fault as StoreFault } : null;
  if (value.code !== 'runs-failed') return null;
  if (!Number.isSafeInteger(value.failed) || !Number.isSafeInteger(value.total)) return null;
  return { code: 'runs-failed', failed: value.failed as number, total: value.total as number, first: parseRunProblem(value.first) };
}
