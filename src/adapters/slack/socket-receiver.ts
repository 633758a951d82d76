import type { App as BoltApp, Receiver, ReceiverEvent } from "@slack/bolt";
import { SocketModeClient } from "@slack/socket-mode";
import type { Logger } from "pino";

/**
 * Socket Mode for Bolt, like Bolt's own SocketModeReceiver but with the Web API base URL passed
 * through, so apps.connections.open also goes to SLACK_API_URL.
 */
export class SocketReceiver implements Receiver {
  private readonly client: SocketModeClient;
  private app?: BoltApp;

  constructor(appToken: string, slackApiUrl: string, log: Logger) {
    this.client = new SocketModeClient({ appToken, clientOptions: { slackApiUrl } });
    this.client.on(
      "slack_event",
      async (args: {
        ack: (response?: unknown) => Promise<void>;
        body: ReceiverEvent["body"];
        retry_num?: number;
        retry_reason?: string;
      }) => {
        let acked = false;
        const event: ReceiverEvent = {
          body: args.body,
          ack: async (response?: unknown) => {
            if (acked) return;
            acked = true;
            await args.ack(response);
          },
          retryNum: args.retry_num,
          retryReason: args.retry_reason,
        };
        try {
          await this.app?.processEvent(event);
        } catch (err) {
          log.error({ err }, "slack socket event failed");
          await event.ack();
        }
      },
    );
  }

  init(app: BoltApp): void {
    this.app = app;
  }

  async start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<unknown> {
    return this.client.disconnect();
  }
}
