/**
 * Slack's limits for files: 1 GB a file (Slack's help centre); the bot sends at most 10 files with
 * one message. An image block's alt_text is at most 2000 characters (Block Kit).
 */
export const FILE_LIMITS = { bytes: 1024 * 1024 * 1024, files: 10, altText: 2000 } as const;
