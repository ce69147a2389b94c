// What of an error may reach a screen: never a stack frame or a file path.
import { describe, expect, it } from 'vitest';
import { cleanErrorText, errorMessage, jobProblemText, remoteErrorText, runProblemText } from './outcome.ts';

describe('error texts on screen', () => {
  it('keeps the first line that is not a stack frame, without paths or URLs', () => {
    const error = new Error("ENOENT: no such file or directory, open '/home/kim/.config/dl-lab/lab.sqlite'");
    error.stack = `${error.message}\n    at open (node:fs:1:2)`;
    expect(errorMessage(error)).toBe("ENOENT: no such file or directory, open '…'");
    expect(cleanErrorText('    at train (file:///opt/app/out/worker.js:10:3)\nnet exploded at C:\\Users\\kim\\dl-lab\\net.ts:3:1')).toBe(
      'net exploded at …',
    );
    expect(cleanErrorText('failed in /src-worker/engine.ts:12')).toBe('failed in …');
    expect(cleanErrorText('see https://example.com/x/y for more')).toBe('see … for more');
  });

  it('leaves ordinary words and numbers alone', () => {
    expect(cleanErrorText('lr 1/2.5 is at most 0.01 and km/h')).toBe('lr 1/2.5 is at most 0.01 and km/h');
    expect(cleanErrorText('at most 200 ids')).toBe('at most 200 ids');
    expect(cleanErrorText('')).toBe('unknown error');
  });

  it('cleans a stored or imported run problem when it is put into words', () => {
    const problem = { code: 'error' as const, message: 'boom in /home/kim/net.ts:1:2\n    at f (/home/kim/net.ts:1:2)' };
    expect(runProblemText(problem, 'en')).toBe('Training failed: boom in …');
    expect(jobProblemText({ code: 'runs-failed', failed: 1, total: 2, first: problem }, 'ko')).toBe(
      '네트워크 2개 중 1개가 실패했습니다: 학습 중 오류: boom in …',
    );
  });

  it("drops Electron's remote-call prefix from a failed call's message", () => {
    expect(remoteErrorText("Error invoking remote method 'lab:renameJob': BadArgumentError: renameJob: name must be text")).toBe(
      'renameJob: name must be text',
    );
    expect(remoteErrorText("Error invoking remote method 'lab:listJobs': Error: failed at /home/kim/x.ts:1:2")).toBe('failed at …');
  });
});
