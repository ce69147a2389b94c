// Types of stale.mjs for the tests.
export declare const BUILD_INPUTS: readonly string[];
export declare const BUILD_OUTPUTS: readonly string[];
export declare function staleReason(root: string): string | null;
