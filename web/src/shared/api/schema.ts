/**
 * Request and response types of the API operations the web UI calls, generated from the server's
 * OpenAPI document by `npm run api:types` (scripts/api-types.ts). Do not edit by hand.
 * An operation whose route declares no response schema has the response type `unknown`.
 */
export interface ApiOperations {
  "GET /api/v1/health": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      status: "ok";
      engine: string;
      lastClosedDate: string | null;
      businessDate: string | null;
    };
  };
  "GET /api/v1/portfolio/summary": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      lastClosedDate: string | null;
      accounts: number;
      openCases: number;
      buckets: Array<{
        bucket: string;
        currency: string;
        accounts: number;
        overdueMinor: number;
        totalMinor: number;
      }>;
    };
  };
  "GET /api/v1/accounts": {
    path: never;
    query: {
      bucket?: string;
      /** Part of an account ref or customer id */
      q?: string;
      limit?: number;
      /** Cursor: the last accountId of the previous page */
      after?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: string;
        accountId: number;
        customerId: string;
        product: string;
        currency: string;
        asOf: string;
        dpd: number;
        bucket: string;
        balances: {
          principalMinor: number;
          interestMinor: number;
          penaltyMinor: number;
          feesMinor: number;
          creditMinor: number;
          totalMinor: number;
          overdueMinor: number;
        };
      }>;
      nextAfter: number | null;
    };
  };
  "GET /api/v1/accounts/{id}": {
    path: {
      id: string;
    };
    query: {
      asOf?: string;
    };
    headers: never;
    body: never;
    response: {
      id: string;
      accountId: number;
      customerId: string;
      product: string;
      currency: string;
      asOf: string;
      dpd: number;
      bucket: string;
      balances: {
        principalMinor: number;
        interestMinor: number;
        penaltyMinor: number;
        feesMinor: number;
        creditMinor: number;
        totalMinor: number;
        overdueMinor: number;
      };
      openedOn: string;
      closedThrough: string;
      costCap: {
        annualBp: number | null;
        chargedMinor: number;
        cappedMinor: number;
      };
      schedule: Array<{
        seq: number;
        kind: string;
        dueOn: string;
        principalDueMinor: number;
        interestDueMinor: number;
        minimumDueMinor: number;
        principalPaidMinor: number;
        interestChargedMinor: number;
        interestPaidMinor: number;
        penaltyChargedMinor: number;
        penaltyPaidMinor: number;
        feesChargedMinor: number;
        feesPaidMinor: number;
        settledOn: string | null;
        dpd: number;
      }>;
      bucketHistory: Array<{
        onDate: string;
        fromBucket: string;
        toBucket: string;
        dpd: number;
        movement: string;
      }>;
      cases: Array<{
        id: number;
        status: string;
        openedOn: string;
        closedOn: string | null;
        closeReason: string | null;
        bucket: string;
        maxDpd: number;
      }>;
      entries: Array<{
        id: number;
        itemSeq: number | null;
        valueDate: string;
        postedOn: string;
        kind: string;
        component: string;
        amountMinor: number;
        cappedMinor: number;
        reversesId: number | null;
        baseMinor: number | null;
        ratePpm: number | null;
        days: number | null;
        reason: string | null;
      }>;
      explain: {
        principal: {
          balanceMinor: number;
          chargedMinor: number;
          reducedMinor: number;
          cappedMinor: number;
          charges: Array<{
            kind: string;
            itemSeq: number | null;
            fromDate: string;
            toDate: string;
            days: number;
            baseMinor: number | null;
            ratePpm: number | null;
            amountMinor: number;
            cappedMinor: number;
          }>;
          reductions: Array<{
            kind: string;
            valueDate: string;
            itemSeq: number | null;
            amountMinor: number;
          }>;
        };
        interest: {
          balanceMinor: number;
          chargedMinor: number;
          reducedMinor: number;
          cappedMinor: number;
          charges: Array<{
            kind: string;
            itemSeq: number | null;
            fromDate: string;
            toDate: string;
            days: number;
            baseMinor: number | null;
            ratePpm: number | null;
            amountMinor: number;
            cappedMinor: number;
          }>;
          reductions: Array<{
            kind: string;
            valueDate: string;
            itemSeq: number | null;
            amountMinor: number;
          }>;
        };
        penalty: {
          balanceMinor: number;
          chargedMinor: number;
          reducedMinor: number;
          cappedMinor: number;
          charges: Array<{
            kind: string;
            itemSeq: number | null;
            fromDate: string;
            toDate: string;
            days: number;
            baseMinor: number | null;
            ratePpm: number | null;
            amountMinor: number;
            cappedMinor: number;
          }>;
          reductions: Array<{
            kind: string;
            valueDate: string;
            itemSeq: number | null;
            amountMinor: number;
          }>;
        };
        fees: {
          balanceMinor: number;
          chargedMinor: number;
          reducedMinor: number;
          cappedMinor: number;
          charges: Array<{
            kind: string;
            itemSeq: number | null;
            fromDate: string;
            toDate: string;
            days: number;
            baseMinor: number | null;
            ratePpm: number | null;
            amountMinor: number;
            cappedMinor: number;
          }>;
          reductions: Array<{
            kind: string;
            valueDate: string;
            itemSeq: number | null;
            amountMinor: number;
          }>;
        };
        credit: {
          balanceMinor: number;
          chargedMinor: number;
          reducedMinor: number;
          cappedMinor: number;
          charges: Array<{
            kind: string;
            itemSeq: number | null;
            fromDate: string;
            toDate: string;
            days: number;
            baseMinor: number | null;
            ratePpm: number | null;
            amountMinor: number;
            cappedMinor: number;
          }>;
          reductions: Array<{
            kind: string;
            valueDate: string;
            itemSeq: number | null;
            amountMinor: number;
          }>;
        };
      };
    };
  };
  "GET /api/v1/accounts/{ref}/contacts": {
    path: {
      ref: string;
    };
    query: {
      limit?: number;
    };
    headers: never;
    body: never;
    response: unknown;
  };
  "GET /api/v1/accounts/{ref}/call-records": {
    path: {
      ref: string;
    };
    query: {
      limit?: number;
      /** Cursor: the last id of the previous page */
      before?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        caseId: number | null;
        taskId: number | null;
        collectorId: string;
        at: string;
        contactPoint: string;
        outcome: "rpc" | "ptp" | "no_answer" | "busy" | "voicemail" | "wrong_number" | "refused" | "dispute" | "hardship" | "third_party" | "deceased";
        promiseId: number | null;
        note: string;
        nextAction: "follow_up" | "retry" | "skip_trace" | "supervisor_review" | "open_dispute" | "offer_plan";
        nextActionOn: string | null;
      }>;
      nextBefore: number | null;
    };
  };
  "GET /api/v1/verify/{code}": {
    path: {
      code: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      code: string;
      genuine: boolean;
      sender?: {
        kind: "lender" | "agency";
        name: string;
      };
      channel?: string;
      sentAt?: string | null;
      scheduledFor?: string;
      status?: string;
      message: {
        "zh-CN": string;
        en: string;
      };
      howToReport?: {
        "zh-CN": string;
        en: string;
      };
    };
  };
  "GET /api/v1/outbox/stats": {
    path: never;
    query: {
      from?: string;
      to?: string;
    };
    headers: never;
    body: never;
    response: unknown;
  };
  "GET /api/v1/worklist/collectors": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: string;
        name: string;
        team: string;
        agencyId: string | null;
        skills: Array<string>;
        languages: Array<string>;
        maxOpenCases: number;
        active: boolean;
      }>;
    };
  };
  "GET /api/v1/worklist/collectors/{id}/queue": {
    path: {
      id: string;
    };
    query: {
      asOf?: string;
    };
    headers: never;
    body: never;
    response: {
      collectorId: string;
      asOf: string;
      items: Array<{
        caseId: number;
        accountId: number;
        accountRef: string;
        customerId: string;
        customerName: string;
        language: string;
        currency: string;
        bucket: string;
        dpd: number;
        overdueMinor: number;
        queueCode: string;
        assignedOn: string;
        recallOn: string;
        lastCall: {
          at: string;
          outcome: "rpc" | "ptp" | "no_answer" | "busy" | "voicemail" | "wrong_number" | "refused" | "dispute" | "hardship" | "third_party" | "deceased";
          nextAction: "follow_up" | "retry" | "skip_trace" | "supervisor_review" | "open_dispute" | "offer_plan";
          nextActionOn: string | null;
        } | null;
        callable: boolean;
        supervisorReview: boolean;
        openTasks: number;
        nextTaskDueAt: string | null;
        lock: {
          collectorId: string;
          leaseUntil: string;
        } | null;
      }>;
    };
  };
  "GET /api/v1/worklist/stats": {
    path: never;
    query: {
      asOf?: string;
    };
    headers: never;
    body: never;
    response: {
      asOf: string;
      unassignedOpenCases: number;
      queues: Array<{
        code: string;
        name: string;
        priority: number;
        active: boolean;
        activeAssignments: number;
        dueForRecall: number;
        collectors: number;
        capacity: number;
      }>;
      collectors: Array<{
        id: string;
        name: string;
        team: string;
        agencyId: string | null;
        active: boolean;
        openCases: number;
        maxOpenCases: number;
      }>;
    };
  };
  "POST /api/v1/cases/{id}/lock": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** A retry with the same key returns the first result */
      "idempotency-key"?: string;
    };
    body: {
      collectorId: string;
      leaseMinutes?: number;
    };
    response: {
      caseId: number;
      collectorId: string;
      lockedAt: string;
      leaseUntil: string;
      renewed: boolean;
    };
  };
  "POST /api/v1/cases/{id}/call-outcomes": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      collectorId: string;
      outcome: "rpc" | "ptp" | "no_answer" | "busy" | "voicemail" | "wrong_number" | "refused" | "dispute" | "hardship" | "third_party" | "deceased";
      contactPoint: string;
      promise?: {
        amountMinor: number;
        dueOn: string;
      };
      note?: string;
      at?: string;
      taskId?: number;
    };
    response: {
      callRecordId: number;
      contactHistoryId: number;
      caseId: number | null;
      accountId: number;
      accountRef: string;
      outcome: "rpc" | "ptp" | "no_answer" | "busy" | "voicemail" | "wrong_number" | "refused" | "dispute" | "hardship" | "third_party" | "deceased";
      at: string;
      nextAction: "follow_up" | "retry" | "skip_trace" | "supervisor_review" | "open_dispute" | "offer_plan";
      nextActionOn: string | null;
      promise: {
        id: number;
        accountId: number;
        caseId: number | null;
        customerId: string;
        amountMinor: number;
        currency: string;
        promisedOn: string;
        dueOn: string;
        graceDays: number;
        status: "open" | "kept" | "partly_kept" | "broken" | "cancelled";
        paidMinor: number;
        evaluatedOn: string | null;
        source: "collector" | "portal" | "robot";
        createdBy: string;
        createdAt: string;
      } | null;
      taskId: number | null;
    };
  };
}
