// Types of build-if-stale.mjs, for its test.
export declare const BUILD_INPUTS: readonly string[];
export declare const BUILD_OUTPUTS: readonly string[];
export declare function staleReason(root: string, inputs?: readonly string[], outputs?: readonly string[]): string | null;
export declare function buildIfStale(root: string): void;
