export declare const SUPPORTED_NODE_LINES: ReadonlyArray<{ major: number; minor: number }>;
export declare function supportedEnginesRange(): string;
export declare function isSupportedNode(version: string): boolean;
export declare function describeSupportedNode(): string;
export declare function exitUnlessNodeSupported(): void;
