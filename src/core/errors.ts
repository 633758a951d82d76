/**
 * A mistake the user can fix: shown to them (privately where the platform allows), never logged as
 * a bug. The code names the kind of mistake for logs, metrics and tests; the message is for people.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** A form filled in wrongly: the message, and what is wrong with each field, for platforms that show it in the form. */
export class FormError extends UserError {
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super("form-invalid", message);
    this.name = "FormError";
  }
}

/**
 * The platform refused a call in a way only people can fix: the bot is not in the channel, lacks a
 * permission, or the channel is gone. The message says what to do; the code is the platform's.
 */
export class PlatformRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PlatformRefusal";
  }
}

/**
 * The platform will not deliver a direct message to this member: they closed their DMs to the bot
 * (Discord 50007), or cannot be reached privately (a deactivated Slack account). Only they can change it.
 */
export class DirectMessagesClosed extends PlatformRefusal {
  constructor(code: string, options?: { cause?: unknown }) {
    super(code, "I can't send you direct messages.", options);
    this.name = "DirectMessagesClosed";
  }
}

/** The store could not be reached: the user is asked to try again shortly. */
export class UnavailableError extends Error {
  readonly code = "store-unavailable";
  constructor(cause?: unknown) {
    super("The study data is temporarily unavailable.", { cause });
    this.name = "UnavailableError";
  }
}

/** The answer to a button or form id the bot did not make, or made for something long gone. */
export function unknownAction(): UserError {
  return new UserError("unknown-action", "That button is not one of mine, or it is out of date.");
}
