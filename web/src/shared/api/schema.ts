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
    response: Array<{
      reference: string;
      businessDate: string;
      action: string;
      channel: "sms" | "email" | "in_app" | "push" | "letter" | "collector_call" | "robot_call";
      template: string | null;
      language: string;
      status: "scheduled" | "sending" | "sent" | "delivered" | "failed" | "blocked" | "cancelled" | "expired";
      scheduledAt: string;
      sentAt: string | null;
      deliveredAt: string | null;
      verifyCode: string;
      initiatorKind: string;
      initiatorId: string;
      strategyVersion: number | null;
      strategyRow: string | null;
      experiment: string | null;
      arm: string | null;
      /** The text as rendered when sent */
      text: string | null;
      /** The last error or why it was not sent */
      reason: string | null;
      planDecision: "allow" | "deny" | "allow_with_flag" | "require_action" | null;
      dispatchDecision: "allow" | "deny" | "allow_with_flag" | "require_action" | null;
      planVerdict: {
        decision: "allow" | "deny" | "allow_with_flag" | "require_action";
        denyingRules: Array<string>;
        jurisdiction?: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
        packs?: Array<{
          id: string;
          version: string;
        }>;
        now?: string;
        requiredActions?: Array<{
          ruleId: string;
          action: string;
          reason: {
            "zh-CN": string;
            en: string;
          };
        }>;
        flags?: Array<{
          ruleId: string;
          reason: {
            "zh-CN": string;
            en: string;
          };
        }>;
        trace?: Array<{
          ruleId: string;
          /** which part of the rule, when a rule has several */
          check?: string;
          outcome: "pass" | "fail" | "flag" | "not_applicable";
          /** for a fail: block, or allow only after the required action */
          effect?: "deny" | "require_action";
          reason: {
            "zh-CN": string;
            en: string;
          };
          source: {
            /** the instrument and article */
            citation: string;
            /** P primary text read; S secondary only; U unverified (configurable default) */
            status: "P" | "S" | "U";
          };
          requiredAction?: string;
          nextAllowedAt?: string;
        }>;
        /** when denied only for time or frequency: the earliest instant that would pass */
        nextAllowedAt?: string;
        /** Ids of the rules that passed (rule:check where a rule has several checks) */
        passed?: Array<string>;
        /** How many rules did not apply to this contact */
        notApplicable?: number;
        /** Planning's own denial: why no contact could be planned */
        reason?: string;
      };
      /** The verdict at the moment of sending (null until then) */
      dispatchVerdict: {
        decision: "allow" | "deny" | "allow_with_flag" | "require_action";
        denyingRules: Array<string>;
        jurisdiction?: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
        packs?: Array<{
          id: string;
          version: string;
        }>;
        now?: string;
        requiredActions?: Array<{
          ruleId: string;
          action: string;
          reason: {
            "zh-CN": string;
            en: string;
          };
        }>;
        flags?: Array<{
          ruleId: string;
          reason: {
            "zh-CN": string;
            en: string;
          };
        }>;
        trace?: Array<{
          ruleId: string;
          /** which part of the rule, when a rule has several */
          check?: string;
          outcome: "pass" | "fail" | "flag" | "not_applicable";
          /** for a fail: block, or allow only after the required action */
          effect?: "deny" | "require_action";
          reason: {
            "zh-CN": string;
            en: string;
          };
          source: {
            /** the instrument and article */
            citation: string;
            /** P primary text read; S secondary only; U unverified (configurable default) */
            status: "P" | "S" | "U";
          };
          requiredAction?: string;
          nextAllowedAt?: string;
        }>;
        /** when denied only for time or frequency: the earliest instant that would pass */
        nextAllowedAt?: string;
        /** Ids of the rules that passed (rule:check where a rule has several checks) */
        passed?: Array<string>;
        /** How many rules did not apply to this contact */
        notApplicable?: number;
        /** Planning's own denial: why no contact could be planned */
        reason?: string;
      } | null;
    }>;
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
    response: {
      byStatus: Array<{
        businessDate: string;
        channel: string;
        status: string;
        n: number;
      }>;
      blockedByRule: Array<{
        rule: string;
        n: number;
      }>;
    };
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
        workOrder: "dpd" | "expected_recovery";
        /** The risk model's score 0–1000 (P(default) per mille); null when unscored */
        riskScore: number | null;
        /** P(payment) × amount owed, minor units; null when unscored */
        expectedRecoveryMinor: number | null;
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
  "GET /api/v1/worklist/queues": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        code: string;
        name: string;
        buckets: Array<string>;
        skill: string | null;
        language: string | null;
        agencyId: string | null;
        recallAfterDays: number;
        priority: number;
        active: boolean;
        /** How collectors work the queue's cases: dpd (worse bucket, larger overdue amount first) or expected_recovery (larger P(payment) × amount owed first) */
        workOrder: "dpd" | "expected_recovery";
      }>;
    };
  };
  "PUT /api/v1/worklist/queues/{code}": {
    path: {
      code: string;
    };
    query: never;
    headers: {
      /** A retry with the same key returns the first result */
      "idempotency-key"?: string;
    };
    body: {
      name: string;
      buckets: Array<string>;
      skill?: string | null;
      language?: string | null;
      agencyId?: string | null;
      recallAfterDays: number;
      priority: number;
      active?: boolean;
      workOrder?: "dpd" | "expected_recovery";
    };
    response: {
      code: string;
      name: string;
      buckets: Array<string>;
      skill: string | null;
      language: string | null;
      agencyId: string | null;
      recallAfterDays: number;
      priority: number;
      active: boolean;
      /** How collectors work the queue's cases: dpd (worse bucket, larger overdue amount first) or expected_recovery (larger P(payment) × amount owed first) */
      workOrder: "dpd" | "expected_recovery";
    };
  };
  "PUT /api/v1/worklist/collectors/{id}": {
    path: {
      id: string;
    };
    query: never;
    headers: {
      /** A retry with the same key returns the first result */
      "idempotency-key"?: string;
    };
    body: {
      name: string;
      team: string;
      agencyId?: string | null;
      skills?: Array<string>;
      languages: Array<string>;
      maxOpenCases: number;
      active?: boolean;
    };
    response: {
      collector: {
        id: string;
        name: string;
        team: string;
        agencyId: string | null;
        skills: Array<string>;
        languages: Array<string>;
        maxOpenCases: number;
        active: boolean;
      };
      /** Cases released because the collector was deactivated */
      released: number;
    };
  };
  "POST /api/v1/worklist/assign": {
    path: never;
    query: never;
    headers: {
      /** A retry with the same key returns the first result */
      "idempotency-key"?: string;
    };
    body: {
      /** Defaults to the stored business date */
      businessDate?: string;
    };
    response: {
      businessDate: string;
      assigned: number;
      closedReleased: number;
      unassigned: {
        no_queue: number;
        no_collector: number;
        at_capacity: number;
      };
      unassignedCases: Array<{
        caseId: number;
        reason: "no_queue" | "no_collector" | "at_capacity";
        queueCode: string | null;
      }>;
      load: {
        [key: string]: {
          openCases: number;
          maxOpenCases: number;
        };
      };
    };
  };
  "POST /api/v1/worklist/recall": {
    path: never;
    query: never;
    headers: {
      /** A retry with the same key returns the first result */
      "idempotency-key"?: string;
    };
    body: {
      /** Defaults to the stored business date */
      businessDate?: string;
    };
    response: {
      businessDate: string;
      recalled: number;
      extended: number;
      closedReleased: number;
    };
  };
  "GET /api/v1/agencies": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: string;
        name: string;
        status: "active" | "suspended" | "terminated";
        statusReason: unknown;
        contact: {
          person?: string;
          phone?: string;
          email?: string;
        };
        ipAllowList: Array<string>;
        commission: {
          basis: "dpd_at_placement" | "recovery_rate";
          tiers: Array<{
            from: number;
            rateBp: number;
          }>;
        };
        maxDaysPlaced: number;
        complaintThresholdPer10k: number | null;
        minQaScore: number | null;
        breachAction: "recall_complained" | "recall_all";
      }>;
    };
  };
  "GET /api/v1/agencies/{id}/scorecard": {
    path: {
      id: string;
    };
    query: {
      from: string;
      to: string;
    };
    headers: never;
    body: never;
    response: {
      agencyId: string;
      period: {
        from: string;
        to: string;
      };
      placedAccounts: number;
      newPlacements: number;
      baseMinor: number;
      recoveredMinor: number;
      recoveryRateBp: number;
      contacts: number;
      complaints: number;
      complaintsByCategory: {
        [key: string]: number;
      };
      /** Complaints per 10,000 contacts, rounded down; null when there were complaints and no contacts */
      complaintsPer10k: number | null;
      qaScore: number | null;
      recalls: {
        max_days: number;
        complaints: number;
        qa_score: number;
        manual: number;
        agency_suspended: number;
      };
    };
  };
  "GET /api/v1/agencies/{id}/statements/{month}": {
    path: {
      id: string;
      month: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      agencyId: string;
      month: string;
      period: {
        from: string;
        to: string;
      };
      basis: "dpd_at_placement" | "recovery_rate";
      currency: string;
      placements: number;
      baseMinor: number;
      recoveredMinor: number;
      recoveryRateBp: number;
      commissionMinor: number;
      lines: Array<{
        placementId: number;
        accountRef: string;
        dpdAtPlacement: number;
        balanceAtPlacementMinor: number;
        recoveredMinor: number;
        rateBp: number;
        commissionMinor: number;
      }>;
    };
  };
  "GET /api/v1/placement-rules": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        code: string;
        priority: number;
        buckets: Array<string>;
        products: Array<string>;
        jurisdictions: Array<string>;
        regions: Array<string>;
        minBalanceMinor: number | null;
        maxBalanceMinor: number | null;
        minDpd: number | null;
        maxDpd: number | null;
        allocations: Array<{
          agencyId: string;
          shareBp: number;
        }>;
        active: boolean;
      }>;
    };
  };
  "PUT /api/v1/placement-rules/{code}": {
    path: {
      code: string;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      [key: string]: unknown;
    };
    response: {
      code: string;
      priority: number;
      buckets: Array<string>;
      products: Array<string>;
      jurisdictions: Array<string>;
      regions: Array<string>;
      minBalanceMinor: number | null;
      maxBalanceMinor: number | null;
      minDpd: number | null;
      maxDpd: number | null;
      allocations: Array<{
        agencyId: string;
        shareBp: number;
      }>;
      active: boolean;
    };
  };
  "GET /api/v1/placements": {
    path: never;
    query: {
      agencyId?: string;
      accountRef?: string;
      active?: "true" | "false";
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        accountId: number;
        accountRef: string;
        agencyId: string;
        placedOn: string;
        source: "rule" | "manual" | "recommendation";
        ruleCode: string | null;
        placedBy: string;
        balanceAtPlacementMinor: number;
        dpdAtPlacement: number;
        recallDueOn: string;
        endedOn: string | null;
        endReason: "max_days" | "complaints" | "qa_score" | "manual" | "agency_suspended" | null;
        endDetails: unknown;
        endedBy: string | null;
      }>;
    };
  };
  "POST /api/v1/placements": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      agencyId: string;
      businessDate: string;
      note?: string;
    };
    response: {
      id: number;
      accountId: number;
      accountRef: string;
      agencyId: string;
      placedOn: string;
      source: "rule" | "manual" | "recommendation";
      ruleCode: string | null;
      placedBy: string;
      balanceAtPlacementMinor: number;
      dpdAtPlacement: number;
      recallDueOn: string;
      endedOn: string | null;
      endReason: "max_days" | "complaints" | "qa_score" | "manual" | "agency_suspended" | null;
      endDetails: unknown;
      endedBy: string | null;
    };
  };
  "POST /api/v1/placements/run": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      businessDate: string;
    };
    response: {
      businessDate: string;
      placed: number;
      byAgency: {
        [key: string]: number;
      };
      unplaced: {
        no_rule: number;
        no_agency_available: number;
      };
      /** Placed cases the agencies' collectors took in the worklist */
      handedOver: number;
    };
  };
  "POST /api/v1/placements/recall": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      businessDate: string;
      note: string;
    };
    response: {
      placementId: number;
      accountRef: string;
      agencyId: string;
      reason: "max_days" | "complaints" | "qa_score" | "manual" | "agency_suspended";
    };
  };
  "POST /api/v1/placements/recall-run": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      businessDate: string;
    };
    response: {
      businessDate: string;
      recalled: Array<{
        placementId: number;
        accountRef: string;
        agencyId: string;
        reason: "max_days" | "complaints" | "qa_score" | "manual" | "agency_suspended";
      }>;
      agencies: Array<{
        agencyId: string;
        window: {
          from: string;
          to: string;
        };
        complaints: number;
        contacts: number;
        qaScore: number | null;
        breaches: Array<{
          reason: "complaints" | "qa_score";
          value: number | null;
          threshold: number;
          message: {
            "zh-CN": string;
            en: string;
          };
        }>;
        suspended: boolean;
      }>;
    };
  };
  "GET /api/v1/placements/recommendations": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        accountRef: string;
        /** The business date of the recommendation: accept it with this date */
        recommendedOn: string;
        strategyVersion: number | null;
        strategyRow: string | null;
        productCode: string;
        jurisdiction: string;
        currency: string;
        bucket: string;
        dpd: number;
        overdueMinor: number;
        balanceMinor: number;
      }>;
    };
  };
  "POST /api/v1/placements/accept-recommendation": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      recommendedOn: string;
      agencyId?: string;
      businessDate: string;
    };
    response: {
      id: number;
      accountId: number;
      accountRef: string;
      agencyId: string;
      placedOn: string;
      source: "rule" | "manual" | "recommendation";
      ruleCode: string | null;
      placedBy: string;
      balanceAtPlacementMinor: number;
      dpdAtPlacement: number;
      recallDueOn: string;
      endedOn: string | null;
      endReason: "max_days" | "complaints" | "qa_score" | "manual" | "agency_suspended" | null;
      endDetails: unknown;
      endedBy: string | null;
    };
  };
  "GET /api/v1/agency/accounts": {
    path: never;
    query: {
      bucket?: string;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        accountRef: string;
        productCode: string;
        currency: string;
        placedOn: string;
        recallDueOn: string;
        closedThrough: string;
        dpd: number;
        bucket: string;
        overdueMinor: number;
        outstandingMinor: number;
        customerName: string;
        region: string | null;
      }>;
    };
  };
  "GET /api/v1/agency/accounts/{ref}": {
    path: {
      ref: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      accountRef: string;
      productCode: string;
      currency: string;
      placedOn: string;
      recallDueOn: string;
      closedThrough: string;
      dpd: number;
      bucket: string;
      overdueMinor: number;
      outstandingMinor: number;
      customerName: string;
      region: string | null;
      owed: {
        principalMinor: number;
        interestMinor: number;
        penaltyMinor: number;
        feesMinor: number;
        creditMinor: number;
      };
      customer: {
        name: string;
        idNumberMasked: string | null;
        region: string | null;
        phones: Array<string>;
        language: string;
        timeZone: string;
        jurisdiction: string;
      };
      dueItems: Array<{
        seq: number;
        kind: string;
        dueOn: string;
        principalOwedMinor: number;
        interestOwedMinor: number;
        penaltyOwedMinor: number;
        feesOwedMinor: number;
        settledOn: string | null;
      }>;
    };
  };
  "GET /api/v1/agency/accounts/{ref}/contacts": {
    path: {
      ref: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        at: string;
        channel: string;
        direction: string;
        recipientRole: string;
        outcome: string;
        initiatorKind: string;
        initiatorId: string;
        contactPoint: string | null;
        collectorId: string | null;
      }>;
    };
  };
  "POST /api/v1/agency/accounts/{ref}/call-check": {
    path: {
      ref: string;
    };
    query: never;
    headers: never;
    body: {
      contactPoint: string;
      callerNumber: string;
    };
    response: {
      id?: string;
      decision: "allow" | "deny" | "allow_with_flag" | "require_action";
      jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
      packs: Array<{
        id: string;
        version: string;
      }>;
      now: string;
      /** when denied only for time or frequency: the earliest instant that would pass */
      nextAllowedAt?: string;
      denyingRules: Array<string>;
      requiredActions: Array<{
        ruleId: string;
        action: string;
        reason: {
          "zh-CN": string;
          en: string;
        };
      }>;
      flags: Array<{
        ruleId: string;
        reason: {
          "zh-CN": string;
          en: string;
        };
      }>;
      /** voicemail: limited_content_message or communication (US §1006.2(j)) */
      classification?: string;
      trace: Array<{
        ruleId: string;
        /** which part of the rule, when a rule has several */
        check?: string;
        outcome: "pass" | "fail" | "flag" | "not_applicable";
        /** for a fail: block, or allow only after the required action */
        effect?: "deny" | "require_action";
        reason: {
          "zh-CN": string;
          en: string;
        };
        source: {
          /** the instrument and article */
          citation: string;
          /** P primary text read; S secondary only; U unverified (configurable default) */
          status: "P" | "S" | "U";
        };
        requiredAction?: string;
        nextAllowedAt?: string;
      }>;
    };
  };
  "POST /api/v1/agency/accounts/{ref}/call-outcomes": {
    path: {
      ref: string;
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
  "POST /api/v1/auth/login": {
    path: never;
    query: never;
    headers: never;
    body: {
      username: string;
      password: string;
    };
    response: {
      token: string;
      expiresAt: string;
      principal: {
        actor: string;
        userId: string | null;
        customerId: string | null;
        agencyId: string | null;
        roles: Array<"collector" | "supervisor" | "strategy_manager" | "compliance_officer" | "legal" | "auditor" | "admin" | "agency_agent" | "agency_admin" | "debtor">;
        displayName: string;
      };
    };
  };
  "GET /api/v1/auth/me": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      actor: string;
      userId: string | null;
      customerId: string | null;
      agencyId: string | null;
      roles: Array<"collector" | "supervisor" | "strategy_manager" | "compliance_officer" | "legal" | "auditor" | "admin" | "agency_agent" | "agency_admin" | "debtor">;
      displayName: string;
    };
  };
  "POST /api/v1/auth/logout": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      ok: true;
    };
  };
  "POST /api/v1/portal/login/code": {
    path: never;
    query: never;
    headers: never;
    body: {
      phone: string;
    };
    response: {
      sent: true;
      expiresInSeconds: number;
    };
  };
  "POST /api/v1/portal/login": {
    path: never;
    query: never;
    headers: never;
    body: {
      phone: string;
      code: string;
    };
    response: {
      token: string;
      expiresAt: string;
      principal: {
        actor: string;
        userId: string | null;
        customerId: string | null;
        agencyId: string | null;
        roles: Array<"collector" | "supervisor" | "strategy_manager" | "compliance_officer" | "legal" | "auditor" | "admin" | "agency_agent" | "agency_admin" | "debtor">;
        displayName: string;
      };
    };
  };
  "GET /api/v1/portal/accounts": {
    path: never;
    query: never;
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
    };
  };
  "GET /api/v1/portal/accounts/{id}": {
    path: {
      id: string;
    };
    query: never;
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
  "GET /api/v1/portal/contact-history": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: Array<{
      at: string;
      channel: string;
      direction: "outbound" | "inbound";
      recipientRole: string;
      outcome: string;
      initiatorKind: string;
      initiatorId: string;
      accountRef: string | null;
      /** The outbox reference of a planned contact */
      reference: string | null;
      verifyCode: string | null;
    }>;
  };
  "GET /api/v1/portal/complaints": {
    path: never;
    query: {
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        category: "harassment" | "amount_dispute" | "third_party_contact" | "privacy" | "identity_theft" | "agency_conduct" | "other";
        channel: "hotline" | "app" | "email" | "regulator_referral";
        accountRef: string | null;
        status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
        receivedOn: string;
        acknowledgeBy: string;
        respondBy: string;
        acknowledgedOn: string | null;
        closedOn: string | null;
        outcome: "upheld" | "partly_upheld" | "not_upheld" | "withdrawn" | "out_of_scope" | "duplicate" | "referred_to_regulator" | "referred_to_other_firm" | null;
        remedies: Array<"apology" | "fee_refund" | "interest_refund" | "amount_corrected" | "contact_restricted" | "agency_action" | "staff_action" | "compensation" | "bureau_correction">;
        resolutionNote: string | null;
        disputeId: number | null;
        disputeStatus: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed" | null;
        overdue: boolean;
      }>;
    };
  };
  "POST /api/v1/portal/complaints": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      category: "harassment" | "amount_dispute" | "third_party_contact" | "privacy" | "identity_theft" | "agency_conduct" | "other";
      summary: string;
      accountRef?: string;
      contactReferences?: Array<string>;
    };
    response: {
      complaintId: number;
      status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
      accountRef: string | null;
      receivedOn: string;
      acknowledgeBy: string;
      respondBy: string;
      disputeId: number | null;
      message: {
        "zh-CN": string;
        en: string;
      };
    };
  };
  "GET /api/v1/portal/disputes": {
    path: never;
    query: {
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        accountRef: string;
        customerId: string;
        status: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed";
        reason: string;
        openedAt: string;
        closedAt: string | null;
        updatedAt: string | null;
        note: string | null;
        complaintId: number | null;
      }>;
    };
  };
  "POST /api/v1/portal/disputes": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      reason: string;
    };
    response: {
      disputeId: number;
      accountRef: string;
      /** The dispute’s status: open, or that of the active dispute it joined */
      status: string;
      created: boolean;
      message: {
        "zh-CN": string;
        en: string;
      };
    };
  };
  "GET /api/v1/portal/concessions": {
    path: never;
    query: {
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        accountRef: string;
        kind: string;
        status: string;
        requestedOn: string;
        requestedAt: string;
        slaDueAt: string | null;
        decidedAt: string | null;
        effectiveOn: string | null;
        currency: string;
        concessionMinor: number;
        decisionNote: string | null;
        explanation: {
          "zh-CN": string;
          en: string;
        } | null;
        schedule: Array<{
          n: number;
          dueOn: string;
          amountMinor: number;
        }>;
        totalPayableMinor: number | null;
        hasAgreement: boolean;
      }>;
    };
  };
  "POST /api/v1/portal/options": {
    path: never;
    query: never;
    headers: never;
    body: {
      accountRef: string;
    };
    response: {
      accountRef: string;
      asOf: string;
      options: Array<{
        kind: "plan";
        choice: {
          kind: "plan";
          termCount: number;
        };
        explanation: {
          "zh-CN": string;
          en: string;
        };
        /** Within the portal's own limit: takes effect when accepted; otherwise it goes to a reviewer */
        instant: boolean;
        terms: {
          kind: "plan";
          restructure: {
            kind: "plan" | "deferral";
            today: string;
            supersededSeqs: Array<number>;
            /** What the superseded items owe now, by component */
            outstanding: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** What is forgiven, by component */
            waived: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** Of the waived amount, what was asked for beyond the policy's own waivers */
            discretionaryMinor: number;
            /** The restructured balance: outstanding − waived */
            balanceMinor: number;
            items: Array<{
              n: number;
              dueOn: string;
              periodStart: string;
              principalMinor: number;
              /** Interest, penalty and fees moved onto this item from the superseded ones */
              carried: {
                interest: number;
                penalty: number;
                fees: number;
              };
              interestMinor: number;
              interestBaseMinor: number;
              interestDays: number;
              /** What the debtor pays on the due date */
              amountMinor: number;
            }>;
            costMinor: number;
            totalPayableMinor: number;
            /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
            annualRateBp: number;
            costCap: {
              annualBp: number | null;
              withinCap: boolean;
              reason: string | null;
            };
            oneTimeFlags: Array<string>;
          };
        };
      } | {
        kind: "deferral";
        choice: {
          kind: "deferral";
          months: number;
          /** Present when the policy asks for evidence of hardship */
          hardship?: string;
        };
        explanation: {
          "zh-CN": string;
          en: string;
        };
        /** Within the portal's own limit: takes effect when accepted; otherwise it goes to a reviewer */
        instant: boolean;
        terms: {
          kind: "deferral";
          restructure: {
            kind: "plan" | "deferral";
            today: string;
            supersededSeqs: Array<number>;
            /** What the superseded items owe now, by component */
            outstanding: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** What is forgiven, by component */
            waived: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** Of the waived amount, what was asked for beyond the policy's own waivers */
            discretionaryMinor: number;
            /** The restructured balance: outstanding − waived */
            balanceMinor: number;
            items: Array<{
              n: number;
              dueOn: string;
              periodStart: string;
              principalMinor: number;
              /** Interest, penalty and fees moved onto this item from the superseded ones */
              carried: {
                interest: number;
                penalty: number;
                fees: number;
              };
              interestMinor: number;
              interestBaseMinor: number;
              interestDays: number;
              /** What the debtor pays on the due date */
              amountMinor: number;
            }>;
            costMinor: number;
            totalPayableMinor: number;
            /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
            annualRateBp: number;
            costCap: {
              annualBp: number | null;
              withinCap: boolean;
              reason: string | null;
            };
            oneTimeFlags: Array<string>;
          };
        };
      } | {
        kind: "promise";
        choice: {
          kind: "promise";
          amountMinor: number;
          dueOn: string;
        };
        explanation: {
          "zh-CN": string;
          en: string;
        };
        /** Within the portal's own limit: takes effect when accepted; otherwise it goes to a reviewer */
        instant: boolean;
        terms: {
          minimumMinor: number;
          latestDueOn: string;
        };
      }>;
      notOffered: Array<{
        kind: string;
        reason: {
          "zh-CN": string;
          en: string;
        };
      }>;
    };
  };
  "POST /api/v1/portal/accept": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      choice: {
        kind: "plan";
        termCount: number;
        waive?: Array<"interest" | "penalty" | "fees">;
      } | {
        kind: "deferral";
        months: number;
        hardship?: {
          kind: string;
          reference: string;
        };
      } | {
        kind: "promise";
        amountMinor: number;
        dueOn: string;
      };
    };
    response: {
      kind: "plan" | "deferral";
      replayed: boolean;
      concession: {
        concessionId: number;
        accountRef: string;
        kind: "plan" | "deferral" | "waiver" | "settlement";
        status: "active" | "pending_approval";
        effectiveOn: string | null;
        concessionMinor: number;
        terms: {
          kind: "plan" | "deferral";
          restructure: {
            kind: "plan" | "deferral";
            today: string;
            supersededSeqs: Array<number>;
            /** What the superseded items owe now, by component */
            outstanding: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** What is forgiven, by component */
            waived: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** Of the waived amount, what was asked for beyond the policy's own waivers */
            discretionaryMinor: number;
            /** The restructured balance: outstanding − waived */
            balanceMinor: number;
            items: Array<{
              n: number;
              dueOn: string;
              periodStart: string;
              principalMinor: number;
              /** Interest, penalty and fees moved onto this item from the superseded ones */
              carried: {
                interest: number;
                penalty: number;
                fees: number;
              };
              interestMinor: number;
              interestBaseMinor: number;
              interestDays: number;
              /** What the debtor pays on the due date */
              amountMinor: number;
            }>;
            costMinor: number;
            totalPayableMinor: number;
            /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
            annualRateBp: number;
            costCap: {
              annualBp: number | null;
              withinCap: boolean;
              reason: string | null;
            };
            oneTimeFlags: Array<string>;
          };
        } | {
          kind: "waiver";
          waiver: {
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
            lines: Array<{
              itemSeq: number;
              component: "interest" | "penalty" | "fees";
              amountMinor: number;
            }>;
            oneTimeFlags: Array<string>;
          };
        } | {
          kind: "settlement";
          settlement: {
            amountMinor: number;
            payByOn: string;
            balanceMinor: number;
            discountMinor: number;
          };
        };
        explanation: {
          "zh-CN": string;
          en: string;
        };
        /** Above the maker's limit: the lowest role that may approve it, why, and by when */
        approval: {
          needsRole: "portal" | "collector" | "team_lead" | "supervisor" | "manager" | null;
          reason: string;
          slaDueAt: string;
        } | null;
        agreementSha256: {
          [key: string]: string;
        } | null;
      };
    } | {
      kind: "promise";
      replayed: boolean;
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
      };
    };
  };
  "POST /api/v1/portal/payments": {
    path: never;
    query: never;
    headers: {
      /** Required: the same key pays once and answers the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      /** Integer minor units, more than 0 and at most the total owed */
      amountMinor: number;
      method: "sandbox_card" | "sandbox_alipay";
    };
    response: {
      accountRef: string;
      amountMinor: number;
      currency: string;
      method: string;
      providerRef: string;
      sandbox: boolean;
      valueDate: string;
      transactionId: number;
      allocation: Array<{
        itemSeq: number | null;
        component: string;
        amountMinor: number;
      }>;
      owedBeforeMinor: number;
      owedAfterMinor: number;
    };
  };
  "GET /api/v1/portal/preferences": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      customerId: string;
      jurisdiction: string;
      ceaseAvailable: boolean;
      updatedAt: string | null;
      optOuts: Array<"sms" | "email" | "call" | "letter">;
      quietHours: Array<{
        from: string;
        to: string;
        days?: Array<"sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat">;
      }>;
      noThirdPartyContact: boolean;
      ceaseRequested: boolean;
    };
  };
  "PUT /api/v1/portal/preferences": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      optOuts: Array<"sms" | "email" | "call" | "letter">;
      quietHours: Array<{
        from: string;
        to: string;
        /** Weekdays the window applies to; every day when absent */
        days?: Array<"sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat">;
      }>;
      noThirdPartyContact: boolean;
      /** US only (Reg F §1006.6(c)): stop communication about my debts */
      ceaseRequested: boolean;
    };
    response: {
      customerId: string;
      jurisdiction: string;
      ceaseAvailable: boolean;
      updatedAt: string | null;
      optOuts: Array<"sms" | "email" | "call" | "letter">;
      quietHours: Array<{
        from: string;
        to: string;
        days?: Array<"sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat">;
      }>;
      noThirdPartyContact: boolean;
      ceaseRequested: boolean;
    };
  };
  "POST /api/v1/portal/bureau-disputes": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      reason: string;
      periods?: Array<string>;
    };
    response: {
      id: number;
      accountRef: string;
      /** The months disputed (YYYY-MM); empty: every period reported so far */
      periods: Array<string>;
      receivedOn: string;
      /** The date by which the dispute is answered */
      dueOn: string;
      status: "open" | "resolved";
      message: {
        "zh-CN": string;
        en: string;
      };
    };
  };
  "POST /api/v1/portal/assistant/messages": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first answer */
      "idempotency-key": string;
    };
    body: {
      text: string;
      /** Continue a conversation; omit to start one */
      sessionId?: string;
      /** The portal language, used when the text does not tell */
      language?: "zh-CN" | "en";
    };
    response: {
      sessionId: string;
      messageId: number;
      reply: string;
      intent: "balance" | "breakdown" | "due_date" | "options" | "propose_plan" | "pay" | "rights" | "complain" | "verify_call" | "dispute" | "stop_contact" | "human" | "greeting" | "other_person" | "threat" | "out_of_scope" | "unsure";
      confidence: number;
      guard: "injection" | "other_person" | "foreign_identifier" | "threat" | null;
      language: "zh-CN" | "en";
      actions: Array<{
        /** open: a portal page; handoff: ask for a person; ask: send this question */
        kind: "open" | "handoff" | "ask";
        label: string;
        target?: string;
      }>;
      figures: Array<{
        name: string;
        accountRef: string | null;
        amountMinor?: number;
        currency?: string;
        date?: string;
        count?: number;
        source: string;
      }>;
      handoffId: number | null;
    };
  };
  "GET /api/v1/portal/assistant/sessions/{id}": {
    path: {
      id: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      id: string;
      language: "zh-CN" | "en";
      startedAt: string;
      handoffId: number | null;
      messages: Array<{
        seq: number;
        at: string;
        text: string;
        reply: string;
        intent: "balance" | "breakdown" | "due_date" | "options" | "propose_plan" | "pay" | "rights" | "complain" | "verify_call" | "dispute" | "stop_contact" | "human" | "greeting" | "other_person" | "threat" | "out_of_scope" | "unsure";
        confidence: number;
        guard: "injection" | "other_person" | "foreign_identifier" | "threat" | null;
        actions: Array<{
          /** open: a portal page; handoff: ask for a person; ask: send this question */
          kind: "open" | "handoff" | "ask";
          label: string;
          target?: string;
        }>;
        figures: Array<{
          name: string;
          accountRef: string | null;
          amountMinor?: number;
          currency?: string;
          date?: string;
          count?: number;
          source: string;
        }>;
      }>;
    };
  };
  "POST /api/v1/portal/assistant/handoffs": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first answer */
      "idempotency-key": string;
    };
    body: {
      sessionId: string;
      note?: string;
    };
    response: {
      id: number;
      sessionId: string;
      customerId: string;
      accountRefs: Array<string>;
      reason: "asked" | "threat" | "unsure";
      note: string | null;
      status: "open" | "closed";
      createdAt: string;
      closedAt: string | null;
      closedBy: string | null;
      transcript: Array<{
        seq: number;
        at: string;
        text: string;
        reply: string;
        intent: "balance" | "breakdown" | "due_date" | "options" | "propose_plan" | "pay" | "rights" | "complain" | "verify_call" | "dispute" | "stop_contact" | "human" | "greeting" | "other_person" | "threat" | "out_of_scope" | "unsure";
        confidence: number;
        guard: "injection" | "other_person" | "foreign_identifier" | "threat" | null;
      }>;
    };
  };
  "GET /api/v1/assistant/handoffs": {
    path: never;
    query: {
      status?: "open" | "closed";
      customerId?: string;
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        sessionId: string;
        customerId: string;
        accountRefs: Array<string>;
        reason: "asked" | "threat" | "unsure";
        note: string | null;
        status: "open" | "closed";
        createdAt: string;
        closedAt: string | null;
        closedBy: string | null;
        transcript: Array<{
          seq: number;
          at: string;
          text: string;
          reply: string;
          intent: "balance" | "breakdown" | "due_date" | "options" | "propose_plan" | "pay" | "rights" | "complain" | "verify_call" | "dispute" | "stop_contact" | "human" | "greeting" | "other_person" | "threat" | "out_of_scope" | "unsure";
          confidence: number;
          guard: "injection" | "other_person" | "foreign_identifier" | "threat" | null;
        }>;
      }>;
    };
  };
  "POST /api/v1/assistant/handoffs/{id}/close": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first answer */
      "idempotency-key": string;
    };
    body: never;
    response: {
      id: number;
      sessionId: string;
      customerId: string;
      accountRefs: Array<string>;
      reason: "asked" | "threat" | "unsure";
      note: string | null;
      status: "open" | "closed";
      createdAt: string;
      closedAt: string | null;
      closedBy: string | null;
      transcript: Array<{
        seq: number;
        at: string;
        text: string;
        reply: string;
        intent: "balance" | "breakdown" | "due_date" | "options" | "propose_plan" | "pay" | "rights" | "complain" | "verify_call" | "dispute" | "stop_contact" | "human" | "greeting" | "other_person" | "threat" | "out_of_scope" | "unsure";
        confidence: number;
        guard: "injection" | "other_person" | "foreign_identifier" | "threat" | null;
      }>;
    };
  };
  "GET /api/v1/complaints/sla-board": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      asOf: string;
      byStatus: {
        [key: string]: number;
      };
      open: number;
      overdue: number;
      dueSoon: number;
      overdueAcknowledgements: number;
      byCategory: Array<{
        category: string;
        open: number;
        overdue: number;
        dueSoon: number;
      }>;
      byJurisdiction: Array<{
        jurisdiction: string;
        open: number;
        overdue: number;
        dueSoon: number;
      }>;
      /** The open complaints that are overdue or due soon, the most urgent first */
      urgent: Array<{
        id: number;
        customerId: string;
        accountRef: string | null;
        agencyId: string | null;
        jurisdiction: string;
        timeZone: string;
        channel: "hotline" | "app" | "email" | "regulator_referral";
        regulatorReference: string | null;
        category: "harassment" | "amount_dispute" | "third_party_contact" | "privacy" | "identity_theft" | "agency_conduct" | "other";
        summary: string;
        contactReferences: Array<string>;
        status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
        receivedAt: string;
        receivedOn: string;
        slaPolicy: string;
        slaVersion: number;
        acknowledgeBy: string;
        respondBy: string;
        /** The last day it may be closed without an acknowledgement (UK summary resolution) */
        summaryBy: string | null;
        extended: boolean;
        acknowledgedOn: string | null;
        assignee: string | null;
        closedOn: string | null;
        outcome: "upheld" | "partly_upheld" | "not_upheld" | "withdrawn" | "out_of_scope" | "duplicate" | "referred_to_regulator" | "referred_to_other_firm" | null;
        remedies: Array<"apology" | "fee_refund" | "interest_refund" | "amount_corrected" | "contact_restricted" | "agency_action" | "staff_action" | "compensation" | "bureau_correction">;
        resolutionNote: string | null;
        disputeId: number | null;
        disputeStatus: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed" | null;
        reviewId: number | null;
        createdBy: string;
        /** Today in the debtor’s time zone: the date the SLA view is judged on */
        asOf: string;
        sla: {
          /** Which clock is running: the acknowledgement, the final response, or none (closed) */
          stage: "acknowledge" | "final_response" | "closed";
          /** The deadline of the running clock (null when closed) */
          dueOn: string | null;
          /** Days from asOf to dueOn: 0 on the due date, negative when overdue */
          daysLeft: number | null;
          overdue: boolean;
          dueSoon: boolean;
          acknowledgementMet: boolean | null;
          finalResponseMet: boolean | null;
          /** true/false once known; null while the clock still runs */
          slaMet: boolean | null;
          /** Days from receipt to closing (null while open) */
          daysToResolve: number | null;
        };
      }>;
      truncated: boolean;
    };
  };
  "GET /api/v1/complaints": {
    path: never;
    query: {
      status?: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred" | "open" | "closed";
      category?: "harassment" | "amount_dispute" | "third_party_contact" | "privacy" | "identity_theft" | "agency_conduct" | "other";
      channel?: "hotline" | "app" | "email" | "regulator_referral";
      jurisdiction?: string;
      agencyId?: string;
      customerId?: string;
      accountRef?: string;
      assignee?: string;
      overdue?: "true" | "false";
      /** received on or after */
      from?: string;
      /** received on or before */
      to?: string;
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      asOf: string;
      items: Array<{
        id: number;
        customerId: string;
        accountRef: string | null;
        agencyId: string | null;
        jurisdiction: string;
        timeZone: string;
        channel: "hotline" | "app" | "email" | "regulator_referral";
        regulatorReference: string | null;
        category: "harassment" | "amount_dispute" | "third_party_contact" | "privacy" | "identity_theft" | "agency_conduct" | "other";
        summary: string;
        contactReferences: Array<string>;
        status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
        receivedAt: string;
        receivedOn: string;
        slaPolicy: string;
        slaVersion: number;
        acknowledgeBy: string;
        respondBy: string;
        /** The last day it may be closed without an acknowledgement (UK summary resolution) */
        summaryBy: string | null;
        extended: boolean;
        acknowledgedOn: string | null;
        assignee: string | null;
        closedOn: string | null;
        outcome: "upheld" | "partly_upheld" | "not_upheld" | "withdrawn" | "out_of_scope" | "duplicate" | "referred_to_regulator" | "referred_to_other_firm" | null;
        remedies: Array<"apology" | "fee_refund" | "interest_refund" | "amount_corrected" | "contact_restricted" | "agency_action" | "staff_action" | "compensation" | "bureau_correction">;
        resolutionNote: string | null;
        disputeId: number | null;
        disputeStatus: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed" | null;
        reviewId: number | null;
        createdBy: string;
        /** Today in the debtor’s time zone: the date the SLA view is judged on */
        asOf: string;
        sla: {
          /** Which clock is running: the acknowledgement, the final response, or none (closed) */
          stage: "acknowledge" | "final_response" | "closed";
          /** The deadline of the running clock (null when closed) */
          dueOn: string | null;
          /** Days from asOf to dueOn: 0 on the due date, negative when overdue */
          daysLeft: number | null;
          overdue: boolean;
          dueSoon: boolean;
          acknowledgementMet: boolean | null;
          finalResponseMet: boolean | null;
          /** true/false once known; null while the clock still runs */
          slaMet: boolean | null;
          /** Days from receipt to closing (null while open) */
          daysToResolve: number | null;
        };
      }>;
    };
  };
  "GET /api/v1/complaints/{id}": {
    path: {
      id: number;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      id: number;
      customerId: string;
      accountRef: string | null;
      agencyId: string | null;
      jurisdiction: string;
      timeZone: string;
      channel: "hotline" | "app" | "email" | "regulator_referral";
      regulatorReference: string | null;
      category: "harassment" | "amount_dispute" | "third_party_contact" | "privacy" | "identity_theft" | "agency_conduct" | "other";
      summary: string;
      contactReferences: Array<string>;
      status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
      receivedAt: string;
      receivedOn: string;
      slaPolicy: string;
      slaVersion: number;
      acknowledgeBy: string;
      respondBy: string;
      /** The last day it may be closed without an acknowledgement (UK summary resolution) */
      summaryBy: string | null;
      extended: boolean;
      acknowledgedOn: string | null;
      assignee: string | null;
      closedOn: string | null;
      outcome: "upheld" | "partly_upheld" | "not_upheld" | "withdrawn" | "out_of_scope" | "duplicate" | "referred_to_regulator" | "referred_to_other_firm" | null;
      remedies: Array<"apology" | "fee_refund" | "interest_refund" | "amount_corrected" | "contact_restricted" | "agency_action" | "staff_action" | "compensation" | "bureau_correction">;
      resolutionNote: string | null;
      disputeId: number | null;
      disputeStatus: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed" | null;
      reviewId: number | null;
      createdBy: string;
      /** Today in the debtor’s time zone: the date the SLA view is judged on */
      asOf: string;
      sla: {
        /** Which clock is running: the acknowledgement, the final response, or none (closed) */
        stage: "acknowledge" | "final_response" | "closed";
        /** The deadline of the running clock (null when closed) */
        dueOn: string | null;
        /** Days from asOf to dueOn: 0 on the due date, negative when overdue */
        daysLeft: number | null;
        overdue: boolean;
        dueSoon: boolean;
        acknowledgementMet: boolean | null;
        finalResponseMet: boolean | null;
        /** true/false once known; null while the clock still runs */
        slaMet: boolean | null;
        /** Days from receipt to closing (null while open) */
        daysToResolve: number | null;
      };
    };
  };
  "POST /api/v1/complaints/{id}/acknowledge": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: never;
    response: {
      complaintId: number;
      status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
      acknowledgedOn: string;
      withinSla: boolean;
    };
  };
  "POST /api/v1/complaints/{id}/resolve": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      status: "resolved" | "rejected" | "referred";
      outcome: "upheld" | "partly_upheld" | "not_upheld" | "withdrawn" | "out_of_scope" | "duplicate" | "referred_to_regulator" | "referred_to_other_firm";
      remedies?: Array<"apology" | "fee_refund" | "interest_refund" | "amount_corrected" | "contact_restricted" | "agency_action" | "staff_action" | "compensation" | "bureau_correction">;
      note: string;
    };
    response: {
      complaintId: number;
      status: "received" | "acknowledged" | "investigating" | "resolved" | "rejected" | "referred";
      /** One of the outcome codes (resolve body) */
      outcome: string;
      closedOn: string;
      slaMet: boolean;
      disputeId: number | null;
      disputeStatus: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed" | null;
    };
  };
  "GET /api/v1/concessions/pending": {
    path: never;
    query: {
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      asOf: string;
      items: Array<{
        id: number;
        accountId: number;
        accountRef: string;
        customerId: string;
        kind: "plan" | "deferral" | "waiver" | "settlement";
        status: "pending_approval" | "active" | "completed" | "broken" | "rejected" | "expired";
        policyCode: string;
        policyVersion: number;
        requestedOn: string;
        effectiveOn: string | null;
        currency: string;
        concessionMinor: number;
        /** The terms as stored (concessions.ledger.ts RestructureTerms, WaiverTerms, SettlementTerms) */
        terms: {
          kind?: "plan" | "deferral" | "waiver" | "settlement";
          restructure?: {
            kind: "plan" | "deferral";
            today: string;
            supersededSeqs: Array<number>;
            /** What the superseded items owe now, by component */
            outstanding: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** What is forgiven, by component */
            waived: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** Of the waived amount, what was asked for beyond the policy's own waivers */
            discretionaryMinor: number;
            /** The restructured balance: outstanding − waived */
            balanceMinor: number;
            items: Array<{
              n: number;
              dueOn: string;
              periodStart: string;
              principalMinor: number;
              /** Interest, penalty and fees moved onto this item from the superseded ones */
              carried: {
                interest: number;
                penalty: number;
                fees: number;
              };
              interestMinor: number;
              interestBaseMinor: number;
              interestDays: number;
              /** What the debtor pays on the due date */
              amountMinor: number;
            }>;
            costMinor: number;
            totalPayableMinor: number;
            /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
            annualRateBp: number;
            costCap: {
              annualBp: number | null;
              withinCap: boolean;
              reason: string | null;
            };
            oneTimeFlags: Array<string>;
          };
          waiver?: {
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
            lines: Array<{
              itemSeq: number;
              component: "interest" | "penalty" | "fees";
              amountMinor: number;
            }>;
            oneTimeFlags: Array<string>;
          };
          settlement?: {
            amountMinor: number;
            payByOn: string;
            balanceMinor: number;
            discountMinor: number;
          };
          /** The maker's request as the rules took it */
          request?: {
            [key: string]: unknown;
          };
          /** A plan's components waived in full on the superseded items */
          waivedComponents?: Array<"interest" | "penalty" | "fees">;
          /** Days an instalment may stay unpaid before the plan counts as broken */
          brokenAfterDays?: number;
          /** The plan items' seqs, once created */
          planSeqs?: Array<number>;
          [key: string]: unknown;
        };
        reason: string;
        oneTimeFlag: string | null;
        source: "collector" | "portal" | "cli" | "api";
        maker: string;
        makerRole: string;
        checker: string | null;
        checkerRole: string | null;
        decisionNote: string | null;
        requestedAt: string;
        slaDueAt: string | null;
        decidedAt: string | null;
        endedOn: string | null;
        /** The approval deadline (slaDueAt) has passed */
        slaOverdue: boolean;
      }>;
    };
  };
  "POST /api/v1/concessions/{id}/approve": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      note?: string;
    };
    response: {
      concessionId: number;
      accountRef: string;
      kind: "plan" | "deferral" | "waiver" | "settlement";
      status: "active" | "pending_approval";
      effectiveOn: string | null;
      concessionMinor: number;
      terms: {
        kind: "plan" | "deferral";
        restructure: {
          kind: "plan" | "deferral";
          today: string;
          supersededSeqs: Array<number>;
          /** What the superseded items owe now, by component */
          outstanding: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** What is forgiven, by component */
          waived: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** Of the waived amount, what was asked for beyond the policy's own waivers */
          discretionaryMinor: number;
          /** The restructured balance: outstanding − waived */
          balanceMinor: number;
          items: Array<{
            n: number;
            dueOn: string;
            periodStart: string;
            principalMinor: number;
            /** Interest, penalty and fees moved onto this item from the superseded ones */
            carried: {
              interest: number;
              penalty: number;
              fees: number;
            };
            interestMinor: number;
            interestBaseMinor: number;
            interestDays: number;
            /** What the debtor pays on the due date */
            amountMinor: number;
          }>;
          costMinor: number;
          totalPayableMinor: number;
          /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
          annualRateBp: number;
          costCap: {
            annualBp: number | null;
            withinCap: boolean;
            reason: string | null;
          };
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "waiver";
        waiver: {
          component: "interest" | "penalty" | "fees";
          amountMinor: number;
          lines: Array<{
            itemSeq: number;
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
          }>;
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "settlement";
        settlement: {
          amountMinor: number;
          payByOn: string;
          balanceMinor: number;
          discountMinor: number;
        };
      };
      explanation: {
        "zh-CN": string;
        en: string;
      };
      /** Above the maker's limit: the lowest role that may approve it, why, and by when */
      approval: {
        needsRole: "portal" | "collector" | "team_lead" | "supervisor" | "manager" | null;
        reason: string;
        slaDueAt: string;
      } | null;
      agreementSha256: {
        [key: string]: string;
      } | null;
    };
  };
  "POST /api/v1/concessions/{id}/reject": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      note?: string;
    };
    response: {
      [key: string]: unknown;
    };
  };
  "GET /api/v1/accounts/{id}/promises": {
    path: {
      id: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        caseId: number | null;
        amountMinor: number;
        currency: string;
        promisedOn: string;
        dueOn: string;
        graceDays: number;
        /** The last date a payment counts: the due date plus the grace days */
        windowEndsOn: string;
        status: "open" | "kept" | "partly_kept" | "broken" | "cancelled";
        /** What the cycle counted when it evaluated the promise (0 while open) */
        paidMinor: number;
        evaluatedOn: string | null;
        source: "collector" | "portal" | "robot";
        createdBy: string;
        createdAt: string;
        payments: Array<{
          transactionId: number;
          ref: string;
          amountMinor: number;
          valueDate: string;
          receivedOn: string;
          status: "pending" | "posted";
        }>;
      }>;
    };
  };
  "GET /api/v1/accounts/{id}/concessions": {
    path: {
      id: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        accountId: number;
        accountRef: string;
        customerId: string;
        kind: "plan" | "deferral" | "waiver" | "settlement";
        status: "pending_approval" | "active" | "completed" | "broken" | "rejected" | "expired";
        policyCode: string;
        policyVersion: number;
        requestedOn: string;
        effectiveOn: string | null;
        currency: string;
        concessionMinor: number;
        /** The terms as stored (concessions.ledger.ts RestructureTerms, WaiverTerms, SettlementTerms) */
        terms: {
          kind?: "plan" | "deferral" | "waiver" | "settlement";
          restructure?: {
            kind: "plan" | "deferral";
            today: string;
            supersededSeqs: Array<number>;
            /** What the superseded items owe now, by component */
            outstanding: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** What is forgiven, by component */
            waived: {
              fees: number;
              penalty: number;
              interest: number;
              principal: number;
            };
            /** Of the waived amount, what was asked for beyond the policy's own waivers */
            discretionaryMinor: number;
            /** The restructured balance: outstanding − waived */
            balanceMinor: number;
            items: Array<{
              n: number;
              dueOn: string;
              periodStart: string;
              principalMinor: number;
              /** Interest, penalty and fees moved onto this item from the superseded ones */
              carried: {
                interest: number;
                penalty: number;
                fees: number;
              };
              interestMinor: number;
              interestBaseMinor: number;
              interestDays: number;
              /** What the debtor pays on the due date */
              amountMinor: number;
            }>;
            costMinor: number;
            totalPayableMinor: number;
            /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
            annualRateBp: number;
            costCap: {
              annualBp: number | null;
              withinCap: boolean;
              reason: string | null;
            };
            oneTimeFlags: Array<string>;
          };
          waiver?: {
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
            lines: Array<{
              itemSeq: number;
              component: "interest" | "penalty" | "fees";
              amountMinor: number;
            }>;
            oneTimeFlags: Array<string>;
          };
          settlement?: {
            amountMinor: number;
            payByOn: string;
            balanceMinor: number;
            discountMinor: number;
          };
          /** The maker's request as the rules took it */
          request?: {
            [key: string]: unknown;
          };
          /** A plan's components waived in full on the superseded items */
          waivedComponents?: Array<"interest" | "penalty" | "fees">;
          /** Days an instalment may stay unpaid before the plan counts as broken */
          brokenAfterDays?: number;
          /** The plan items' seqs, once created */
          planSeqs?: Array<number>;
          [key: string]: unknown;
        };
        reason: string;
        oneTimeFlag: string | null;
        source: "collector" | "portal" | "cli" | "api";
        maker: string;
        makerRole: string;
        checker: string | null;
        checkerRole: string | null;
        decisionNote: string | null;
        requestedAt: string;
        slaDueAt: string | null;
        decidedAt: string | null;
        endedOn: string | null;
      }>;
    };
  };
  "POST /api/v1/plans/preview": {
    path: never;
    query: never;
    headers: never;
    body: {
      termCount: number;
      firstDueOn?: string;
      /** Components to waive beyond what the policy waives itself */
      waive?: Array<"interest" | "penalty" | "fees">;
      accountRef: string;
    };
    response: {
      accountRef: string;
      asOf: string;
      policy: string;
      plan: {
        kind: "plan" | "deferral";
        today: string;
        supersededSeqs: Array<number>;
        /** What the superseded items owe now, by component */
        outstanding: {
          fees: number;
          penalty: number;
          interest: number;
          principal: number;
        };
        /** What is forgiven, by component */
        waived: {
          fees: number;
          penalty: number;
          interest: number;
          principal: number;
        };
        /** Of the waived amount, what was asked for beyond the policy's own waivers */
        discretionaryMinor: number;
        /** The restructured balance: outstanding − waived */
        balanceMinor: number;
        items: Array<{
          n: number;
          dueOn: string;
          periodStart: string;
          principalMinor: number;
          /** Interest, penalty and fees moved onto this item from the superseded ones */
          carried: {
            interest: number;
            penalty: number;
            fees: number;
          };
          interestMinor: number;
          interestBaseMinor: number;
          interestDays: number;
          /** What the debtor pays on the due date */
          amountMinor: number;
        }>;
        costMinor: number;
        totalPayableMinor: number;
        /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
        annualRateBp: number;
        costCap: {
          annualBp: number | null;
          withinCap: boolean;
          reason: string | null;
        };
        oneTimeFlags: Array<string>;
      };
      explanation: {
        "zh-CN": string;
        en: string;
      };
      approvalNeededAbove: number;
    };
  };
  "POST /api/v1/plans": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      termCount: number;
      firstDueOn?: string;
      /** Components to waive beyond what the policy waives itself */
      waive?: Array<"interest" | "penalty" | "fees">;
      accountRef: string;
      reason: string;
    };
    response: {
      concessionId: number;
      accountRef: string;
      kind: "plan" | "deferral" | "waiver" | "settlement";
      status: "active" | "pending_approval";
      effectiveOn: string | null;
      concessionMinor: number;
      terms: {
        kind: "plan" | "deferral";
        restructure: {
          kind: "plan" | "deferral";
          today: string;
          supersededSeqs: Array<number>;
          /** What the superseded items owe now, by component */
          outstanding: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** What is forgiven, by component */
          waived: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** Of the waived amount, what was asked for beyond the policy's own waivers */
          discretionaryMinor: number;
          /** The restructured balance: outstanding − waived */
          balanceMinor: number;
          items: Array<{
            n: number;
            dueOn: string;
            periodStart: string;
            principalMinor: number;
            /** Interest, penalty and fees moved onto this item from the superseded ones */
            carried: {
              interest: number;
              penalty: number;
              fees: number;
            };
            interestMinor: number;
            interestBaseMinor: number;
            interestDays: number;
            /** What the debtor pays on the due date */
            amountMinor: number;
          }>;
          costMinor: number;
          totalPayableMinor: number;
          /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
          annualRateBp: number;
          costCap: {
            annualBp: number | null;
            withinCap: boolean;
            reason: string | null;
          };
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "waiver";
        waiver: {
          component: "interest" | "penalty" | "fees";
          amountMinor: number;
          lines: Array<{
            itemSeq: number;
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
          }>;
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "settlement";
        settlement: {
          amountMinor: number;
          payByOn: string;
          balanceMinor: number;
          discountMinor: number;
        };
      };
      explanation: {
        "zh-CN": string;
        en: string;
      };
      /** Above the maker's limit: the lowest role that may approve it, why, and by when */
      approval: {
        needsRole: "portal" | "collector" | "team_lead" | "supervisor" | "manager" | null;
        reason: string;
        slaDueAt: string;
      } | null;
      agreementSha256: {
        [key: string]: string;
      } | null;
    };
  };
  "POST /api/v1/deferrals": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      months: number;
      hardship?: {
        kind: string;
        reference: string;
      };
      accountRef: string;
      reason: string;
    };
    response: {
      concessionId: number;
      accountRef: string;
      kind: "plan" | "deferral" | "waiver" | "settlement";
      status: "active" | "pending_approval";
      effectiveOn: string | null;
      concessionMinor: number;
      terms: {
        kind: "plan" | "deferral";
        restructure: {
          kind: "plan" | "deferral";
          today: string;
          supersededSeqs: Array<number>;
          /** What the superseded items owe now, by component */
          outstanding: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** What is forgiven, by component */
          waived: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** Of the waived amount, what was asked for beyond the policy's own waivers */
          discretionaryMinor: number;
          /** The restructured balance: outstanding − waived */
          balanceMinor: number;
          items: Array<{
            n: number;
            dueOn: string;
            periodStart: string;
            principalMinor: number;
            /** Interest, penalty and fees moved onto this item from the superseded ones */
            carried: {
              interest: number;
              penalty: number;
              fees: number;
            };
            interestMinor: number;
            interestBaseMinor: number;
            interestDays: number;
            /** What the debtor pays on the due date */
            amountMinor: number;
          }>;
          costMinor: number;
          totalPayableMinor: number;
          /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
          annualRateBp: number;
          costCap: {
            annualBp: number | null;
            withinCap: boolean;
            reason: string | null;
          };
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "waiver";
        waiver: {
          component: "interest" | "penalty" | "fees";
          amountMinor: number;
          lines: Array<{
            itemSeq: number;
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
          }>;
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "settlement";
        settlement: {
          amountMinor: number;
          payByOn: string;
          balanceMinor: number;
          discountMinor: number;
        };
      };
      explanation: {
        "zh-CN": string;
        en: string;
      };
      /** Above the maker's limit: the lowest role that may approve it, why, and by when */
      approval: {
        needsRole: "portal" | "collector" | "team_lead" | "supervisor" | "manager" | null;
        reason: string;
        slaDueAt: string;
      } | null;
      agreementSha256: {
        [key: string]: string;
      } | null;
    };
  };
  "POST /api/v1/waivers": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      component: "interest" | "penalty" | "fees";
      /** All that is owed of the component when omitted */
      amountMinor?: number;
      accountRef: string;
      reason: string;
    };
    response: {
      concessionId: number;
      accountRef: string;
      kind: "plan" | "deferral" | "waiver" | "settlement";
      status: "active" | "pending_approval";
      effectiveOn: string | null;
      concessionMinor: number;
      terms: {
        kind: "plan" | "deferral";
        restructure: {
          kind: "plan" | "deferral";
          today: string;
          supersededSeqs: Array<number>;
          /** What the superseded items owe now, by component */
          outstanding: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** What is forgiven, by component */
          waived: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** Of the waived amount, what was asked for beyond the policy's own waivers */
          discretionaryMinor: number;
          /** The restructured balance: outstanding − waived */
          balanceMinor: number;
          items: Array<{
            n: number;
            dueOn: string;
            periodStart: string;
            principalMinor: number;
            /** Interest, penalty and fees moved onto this item from the superseded ones */
            carried: {
              interest: number;
              penalty: number;
              fees: number;
            };
            interestMinor: number;
            interestBaseMinor: number;
            interestDays: number;
            /** What the debtor pays on the due date */
            amountMinor: number;
          }>;
          costMinor: number;
          totalPayableMinor: number;
          /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
          annualRateBp: number;
          costCap: {
            annualBp: number | null;
            withinCap: boolean;
            reason: string | null;
          };
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "waiver";
        waiver: {
          component: "interest" | "penalty" | "fees";
          amountMinor: number;
          lines: Array<{
            itemSeq: number;
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
          }>;
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "settlement";
        settlement: {
          amountMinor: number;
          payByOn: string;
          balanceMinor: number;
          discountMinor: number;
        };
      };
      explanation: {
        "zh-CN": string;
        en: string;
      };
      /** Above the maker's limit: the lowest role that may approve it, why, and by when */
      approval: {
        needsRole: "portal" | "collector" | "team_lead" | "supervisor" | "manager" | null;
        reason: string;
        slaDueAt: string;
      } | null;
      agreementSha256: {
        [key: string]: string;
      } | null;
    };
  };
  "POST /api/v1/settlements": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      amountMinor: number;
      payByOn?: string;
      accountRef: string;
      reason: string;
    };
    response: {
      concessionId: number;
      accountRef: string;
      kind: "plan" | "deferral" | "waiver" | "settlement";
      status: "active" | "pending_approval";
      effectiveOn: string | null;
      concessionMinor: number;
      terms: {
        kind: "plan" | "deferral";
        restructure: {
          kind: "plan" | "deferral";
          today: string;
          supersededSeqs: Array<number>;
          /** What the superseded items owe now, by component */
          outstanding: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** What is forgiven, by component */
          waived: {
            fees: number;
            penalty: number;
            interest: number;
            principal: number;
          };
          /** Of the waived amount, what was asked for beyond the policy's own waivers */
          discretionaryMinor: number;
          /** The restructured balance: outstanding − waived */
          balanceMinor: number;
          items: Array<{
            n: number;
            dueOn: string;
            periodStart: string;
            principalMinor: number;
            /** Interest, penalty and fees moved onto this item from the superseded ones */
            carried: {
              interest: number;
              penalty: number;
              fees: number;
            };
            interestMinor: number;
            interestBaseMinor: number;
            interestDays: number;
            /** What the debtor pays on the due date */
            amountMinor: number;
          }>;
          costMinor: number;
          totalPayableMinor: number;
          /** Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number) */
          annualRateBp: number;
          costCap: {
            annualBp: number | null;
            withinCap: boolean;
            reason: string | null;
          };
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "waiver";
        waiver: {
          component: "interest" | "penalty" | "fees";
          amountMinor: number;
          lines: Array<{
            itemSeq: number;
            component: "interest" | "penalty" | "fees";
            amountMinor: number;
          }>;
          oneTimeFlags: Array<string>;
        };
      } | {
        kind: "settlement";
        settlement: {
          amountMinor: number;
          payByOn: string;
          balanceMinor: number;
          discountMinor: number;
        };
      };
      explanation: {
        "zh-CN": string;
        en: string;
      };
      /** Above the maker's limit: the lowest role that may approve it, why, and by when */
      approval: {
        needsRole: "portal" | "collector" | "team_lead" | "supervisor" | "manager" | null;
        reason: string;
        slaDueAt: string;
      } | null;
      agreementSha256: {
        [key: string]: string;
      } | null;
    };
  };
  "GET /api/v1/disputes": {
    path: never;
    query: {
      status?: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed" | "active";
      customerId?: string;
      accountRef?: string;
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        accountRef: string;
        customerId: string;
        status: "open" | "pending" | "verification_sent" | "verified" | "resolved" | "withdrawn" | "rejected" | "closed";
        reason: string;
        openedAt: string;
        openedBy: string | null;
        closedAt: string | null;
        updatedAt: string | null;
        note: string | null;
        complaintId: number | null;
      }>;
    };
  };
  "POST /api/v1/disputes": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      accountRef: string;
      reason: string;
    };
    response: {
      disputeId: number;
      accountRef: string;
      /** The dispute’s status: open, or that of the active dispute it joined */
      status: string;
      created: boolean;
    };
  };
  "GET /api/v1/quality/reviews": {
    path: never;
    query: {
      status?: "open" | "scored";
      agencyId?: string;
      source?: "finding" | "sample" | "complaint";
      limit?: number;
    };
    headers: never;
    body: never;
    response: {
      items: Array<{
        id: number;
        source: "finding" | "sample" | "complaint";
        status: "open" | "scored";
        businessDate: string;
        customerId: string;
        accountId: number | null;
        complaintId: number | null;
        agencyId: string | null;
        collectorId: string | null;
        items: number;
        highFindings: number;
        openedAt: string;
        score: number | null;
        passed: boolean | null;
        reviewer: string | null;
        scoredAt: string | null;
      }>;
    };
  };
  "GET /api/v1/quality/reviews/{id}": {
    path: {
      id: number;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      id: number;
      source: "finding" | "sample" | "complaint";
      status: "open" | "scored";
      businessDate: string;
      customerId: string;
      accountId: number | null;
      complaintId: number | null;
      agencyId: string | null;
      collectorId: string | null;
      items: number;
      highFindings: number;
      openedAt: string;
      score: number | null;
      passed: boolean | null;
      reviewer: string | null;
      scoredAt: string | null;
      answers: {
        [key: string]: string;
      } | null;
      failedCritical: Array<string> | null;
      comment: string | null;
      itemsDetail: Array<{
        itemId: number;
        kind: "message" | "transcript" | "call";
        sourceId: number;
        channel: string;
        contactAt: string;
        agencyId: string | null;
        collectorId: string | null;
        callRecordId: number | null;
        contactReference: string | null;
        text: string | null;
        recording: {
          ref: string;
          sha256: string;
        } | null;
        findings: Array<{
          category: "threat" | "insult" | "impersonation" | "third_party_disclosure" | "misleading" | "obscene";
          severity: "low" | "medium" | "high";
          lang: string;
          start: number;
          end: number;
          match: string;
          rule: string;
          explanation: {
            "zh-CN": string;
            en: string;
          };
        }>;
      }>;
    };
  };
  "GET /api/v1/quality/scorecard": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      version: number;
      passMark: number;
      answers: Array<"met" | "not_met" | "na">;
      criteria: Array<{
        code: string;
        weight: number;
        critical: boolean;
        label: {
          "zh-CN": string;
          en: string;
        };
      }>;
    };
  };
  "POST /api/v1/quality/reviews/{id}/score": {
    path: {
      id: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      answers: {
        [key: string]: "met" | "not_met" | "na";
      };
      comment?: string;
    };
    response: {
      reviewId: number;
      score: number;
      passed: boolean;
      failedCritical: Array<string>;
      reviewer: string;
      scoredAt: string;
    };
  };
  "GET /api/v1/audit/verify": {
    path: never;
    query: {
      anchor?: string;
    };
    headers: never;
    body: never;
    response: {
      /** The chain is intact (and the anchor, when given, matches) */
      ok: boolean;
      entries: number;
      /** The first entry whose hash does not follow from the one before */
      firstBrokenSeq: number | null;
      reason: string | null;
      /** What the break looks like */
      kind: "edited" | "deleted" | "reordered" | "truncated" | null;
      /** With ?anchor=SEQ:HASH: whether entry SEQ still has the hash recorded elsewhere */
      anchor?: {
        seq: number;
        hash: string;
        matches: boolean;
        hashInLog: string | null;
      };
    };
  };
  "GET /api/v1/strategy/tables": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      tables: Array<{
        code: string;
        jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
        inForce: {
          version: number;
          status: "draft" | "published" | "retired";
          rows: number;
          findingCount: number;
          createdAt: string;
          createdBy: string;
          publishedAt: string | null;
          publishedBy: string | null;
          retiredAt: string | null;
        } | null;
        latest: {
          version: number;
          status: "draft" | "published" | "retired";
          rows: number;
          findingCount: number;
          createdAt: string;
          createdBy: string;
          publishedAt: string | null;
          publishedBy: string | null;
          retiredAt: string | null;
          code: string;
          jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
          table: {
            code: string;
            jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
            description: string;
            rows: Array<{
              id: string;
              /** evaluation order, lower first; ties keep table order */
              priority: number;
              description?: string;
              conditions: {
                /** bucket codes (M0 … M6+): the account is in one of them */
                buckets?: Array<string>;
                /** days past due, inclusive */
                dpd?: {
                  min?: number;
                  max?: number;
                };
                /** days until an amount falls due, for an account not yet overdue (null: none due or overdue) */
                daysToDue?: {
                  min?: number;
                  max?: number;
                  nulls?: "exclude" | "include" | "only";
                };
                /** outstanding balance in minor units, inclusive */
                balanceMinor?: {
                  min?: number;
                  max?: number;
                };
                /** 0–1000; null when unscored */
                riskScore?: {
                  min?: number;
                  max?: number;
                  nulls?: "exclude" | "include" | "only";
                };
                /** the account is in one of these segments */
                segment?: Array<string>;
                /** days since the last contact attempt of any kind; null when never contacted */
                daysSinceLastContact?: {
                  min?: number;
                  max?: number;
                  nulls?: "exclude" | "include" | "only";
                };
                lastOutcome?: Array<"connected" | "unanswered" | "voicemail" | "busy" | "invalid_number" | "refused" | "delivered" | "bounced" | "failed" | "none">;
                promiseState?: Array<"none" | "open" | "kept" | "partly_kept" | "broken">;
                planState?: Array<"none" | "active" | "broken">;
                /** the debtor is reachable on every listed channel (usable point, no opt-out) */
                hasChannel?: Array<"sms" | "email" | "push" | "in_app" | "letter" | "call">;
                /** US: the validation notice has (true) or has not (false) been sent */
                validationNoticeSent?: boolean;
              };
              outputs: {
                action: "sms_reminder" | "push_reminder" | "in_app_message" | "email_reminder" | "robot_call" | "collector_call" | "one_to_one" | "letter" | "recommend_agency" | "recommend_legal" | "none";
                channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter" | "none";
                /** template code; required unless the channel is none */
                template?: string | null;
                /** queue priority, higher first */
                priority: number;
                /** tried in order when the channel is unusable or blocked */
                fallback: Array<{
                  channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter";
                  template: string;
                }>;
                /** the row does not fire when its action was taken fewer than this many days ago */
                cadenceDays: number;
                /** a notice the law requires: the holdout arm of an experiment still gets it */
                legallyRequired: boolean;
              };
            }>;
          };
          findings: Array<{
            kind: "overlap" | "shadowed" | "gap" | "invalid";
            rowIds: Array<string>;
            field?: string;
            region?: {
              bucket: string;
              dpdMin: number;
              dpdMax: number | null;
            };
            message: {
              "zh-CN": string;
              en: string;
            };
          }>;
        };
        /** every version, newest first */
        versions: Array<{
          version: number;
          status: "draft" | "published" | "retired";
          rows: number;
          findingCount: number;
          createdAt: string;
          createdBy: string;
          publishedAt: string | null;
          publishedBy: string | null;
          retiredAt: string | null;
        }>;
      }>;
    };
  };
  "GET /api/v1/strategy/tables/{code}/versions": {
    path: {
      code: string;
    };
    query: never;
    headers: never;
    body: never;
    response: {
      code: string;
      versions: Array<{
        version: number;
        status: "draft" | "published" | "retired";
        rows: number;
        findingCount: number;
        createdAt: string;
        createdBy: string;
        publishedAt: string | null;
        publishedBy: string | null;
        retiredAt: string | null;
        code: string;
        jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
        table: {
          code: string;
          jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
          description: string;
          rows: Array<{
            id: string;
            /** evaluation order, lower first; ties keep table order */
            priority: number;
            description?: string;
            conditions: {
              /** bucket codes (M0 … M6+): the account is in one of them */
              buckets?: Array<string>;
              /** days past due, inclusive */
              dpd?: {
                min?: number;
                max?: number;
              };
              /** days until an amount falls due, for an account not yet overdue (null: none due or overdue) */
              daysToDue?: {
                min?: number;
                max?: number;
                nulls?: "exclude" | "include" | "only";
              };
              /** outstanding balance in minor units, inclusive */
              balanceMinor?: {
                min?: number;
                max?: number;
              };
              /** 0–1000; null when unscored */
              riskScore?: {
                min?: number;
                max?: number;
                nulls?: "exclude" | "include" | "only";
              };
              /** the account is in one of these segments */
              segment?: Array<string>;
              /** days since the last contact attempt of any kind; null when never contacted */
              daysSinceLastContact?: {
                min?: number;
                max?: number;
                nulls?: "exclude" | "include" | "only";
              };
              lastOutcome?: Array<"connected" | "unanswered" | "voicemail" | "busy" | "invalid_number" | "refused" | "delivered" | "bounced" | "failed" | "none">;
              promiseState?: Array<"none" | "open" | "kept" | "partly_kept" | "broken">;
              planState?: Array<"none" | "active" | "broken">;
              /** the debtor is reachable on every listed channel (usable point, no opt-out) */
              hasChannel?: Array<"sms" | "email" | "push" | "in_app" | "letter" | "call">;
              /** US: the validation notice has (true) or has not (false) been sent */
              validationNoticeSent?: boolean;
            };
            outputs: {
              action: "sms_reminder" | "push_reminder" | "in_app_message" | "email_reminder" | "robot_call" | "collector_call" | "one_to_one" | "letter" | "recommend_agency" | "recommend_legal" | "none";
              channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter" | "none";
              /** template code; required unless the channel is none */
              template?: string | null;
              /** queue priority, higher first */
              priority: number;
              /** tried in order when the channel is unusable or blocked */
              fallback: Array<{
                channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter";
                template: string;
              }>;
              /** the row does not fire when its action was taken fewer than this many days ago */
              cadenceDays: number;
              /** a notice the law requires: the holdout arm of an experiment still gets it */
              legallyRequired: boolean;
            };
          }>;
        };
        findings: Array<{
          kind: "overlap" | "shadowed" | "gap" | "invalid";
          rowIds: Array<string>;
          field?: string;
          region?: {
            bucket: string;
            dpdMin: number;
            dpdMax: number | null;
          };
          message: {
            "zh-CN": string;
            en: string;
          };
        }>;
      }>;
    };
  };
  "POST /api/v1/strategy/tables": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      code: string;
      jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
      description?: string;
      rows: Array<{
        id: string;
        /** evaluation order, lower first; ties keep table order */
        priority: number;
        description?: string;
        conditions?: {
          /** bucket codes (M0 … M6+): the account is in one of them */
          buckets?: Array<string>;
          /** days past due, inclusive */
          dpd?: {
            min?: number;
            max?: number;
          };
          /** days until an amount falls due, for an account not yet overdue (null: none due or overdue) */
          daysToDue?: {
            min?: number;
            max?: number;
            nulls?: "exclude" | "include" | "only";
          };
          /** outstanding balance in minor units, inclusive */
          balanceMinor?: {
            min?: number;
            max?: number;
          };
          /** 0–1000; null when unscored */
          riskScore?: {
            min?: number;
            max?: number;
            nulls?: "exclude" | "include" | "only";
          };
          /** the account is in one of these segments */
          segment?: Array<string>;
          /** days since the last contact attempt of any kind; null when never contacted */
          daysSinceLastContact?: {
            min?: number;
            max?: number;
            nulls?: "exclude" | "include" | "only";
          };
          lastOutcome?: Array<"connected" | "unanswered" | "voicemail" | "busy" | "invalid_number" | "refused" | "delivered" | "bounced" | "failed" | "none">;
          promiseState?: Array<"none" | "open" | "kept" | "partly_kept" | "broken">;
          planState?: Array<"none" | "active" | "broken">;
          /** the debtor is reachable on every listed channel (usable point, no opt-out) */
          hasChannel?: Array<"sms" | "email" | "push" | "in_app" | "letter" | "call">;
          /** US: the validation notice has (true) or has not (false) been sent */
          validationNoticeSent?: boolean;
        };
        outputs: {
          action: "sms_reminder" | "push_reminder" | "in_app_message" | "email_reminder" | "robot_call" | "collector_call" | "one_to_one" | "letter" | "recommend_agency" | "recommend_legal" | "none";
          channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter" | "none";
          /** template code; required unless the channel is none */
          template?: string | null;
          /** queue priority, higher first */
          priority: number;
          /** tried in order when the channel is unusable or blocked */
          fallback?: Array<{
            channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter";
            template: string;
          }>;
          /** the row does not fire when its action was taken fewer than this many days ago */
          cadenceDays?: number;
          /** a notice the law requires: the holdout arm of an experiment still gets it */
          legallyRequired?: boolean;
        };
      }>;
    };
    response: unknown | {
      code: string;
      version: number;
      jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
      status: "draft";
      findings: Array<{
        kind: "overlap" | "shadowed" | "gap" | "invalid";
        rowIds: Array<string>;
        field?: string;
        region?: {
          bucket: string;
          dpdMin: number;
          dpdMax: number | null;
        };
        message: {
          "zh-CN": string;
          en: string;
        };
      }>;
    };
  };
  "POST /api/v1/strategy/tables/{code}/versions/{version}/publish": {
    path: {
      code: string;
      version: number;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: never;
    response: {
      code: string;
      version: number;
      jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
      retired: Array<{
        code: string;
        version: number;
      }>;
    };
  };
  "POST /api/v1/strategy/validate": {
    path: never;
    query: never;
    headers: never;
    body: {
      code: string;
      jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
      description?: string;
      rows: Array<{
        id: string;
        /** evaluation order, lower first; ties keep table order */
        priority: number;
        description?: string;
        conditions?: {
          /** bucket codes (M0 … M6+): the account is in one of them */
          buckets?: Array<string>;
          /** days past due, inclusive */
          dpd?: {
            min?: number;
            max?: number;
          };
          /** days until an amount falls due, for an account not yet overdue (null: none due or overdue) */
          daysToDue?: {
            min?: number;
            max?: number;
            nulls?: "exclude" | "include" | "only";
          };
          /** outstanding balance in minor units, inclusive */
          balanceMinor?: {
            min?: number;
            max?: number;
          };
          /** 0–1000; null when unscored */
          riskScore?: {
            min?: number;
            max?: number;
            nulls?: "exclude" | "include" | "only";
          };
          /** the account is in one of these segments */
          segment?: Array<string>;
          /** days since the last contact attempt of any kind; null when never contacted */
          daysSinceLastContact?: {
            min?: number;
            max?: number;
            nulls?: "exclude" | "include" | "only";
          };
          lastOutcome?: Array<"connected" | "unanswered" | "voicemail" | "busy" | "invalid_number" | "refused" | "delivered" | "bounced" | "failed" | "none">;
          promiseState?: Array<"none" | "open" | "kept" | "partly_kept" | "broken">;
          planState?: Array<"none" | "active" | "broken">;
          /** the debtor is reachable on every listed channel (usable point, no opt-out) */
          hasChannel?: Array<"sms" | "email" | "push" | "in_app" | "letter" | "call">;
          /** US: the validation notice has (true) or has not (false) been sent */
          validationNoticeSent?: boolean;
        };
        outputs: {
          action: "sms_reminder" | "push_reminder" | "in_app_message" | "email_reminder" | "robot_call" | "collector_call" | "one_to_one" | "letter" | "recommend_agency" | "recommend_legal" | "none";
          channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter" | "none";
          /** template code; required unless the channel is none */
          template?: string | null;
          /** queue priority, higher first */
          priority: number;
          /** tried in order when the channel is unusable or blocked */
          fallback?: Array<{
            channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter";
            template: string;
          }>;
          /** the row does not fire when its action was taken fewer than this many days ago */
          cadenceDays?: number;
          /** a notice the law requires: the holdout arm of an experiment still gets it */
          legallyRequired?: boolean;
        };
      }>;
    };
    response: {
      ok: boolean;
      findings: Array<{
        kind: "overlap" | "shadowed" | "gap" | "invalid";
        rowIds: Array<string>;
        field?: string;
        region?: {
          bucket: string;
          dpdMin: number;
          dpdMax: number | null;
        };
        message: {
          "zh-CN": string;
          en: string;
        };
      }>;
    };
  };
  "POST /api/v1/strategy/simulate": {
    path: never;
    query: never;
    headers: never;
    body: {
      table?: {
        code: string;
        jurisdiction: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
        description?: string;
        rows: Array<{
          id: string;
          /** evaluation order, lower first; ties keep table order */
          priority: number;
          description?: string;
          conditions?: {
            /** bucket codes (M0 … M6+): the account is in one of them */
            buckets?: Array<string>;
            /** days past due, inclusive */
            dpd?: {
              min?: number;
              max?: number;
            };
            /** days until an amount falls due, for an account not yet overdue (null: none due or overdue) */
            daysToDue?: {
              min?: number;
              max?: number;
              nulls?: "exclude" | "include" | "only";
            };
            /** outstanding balance in minor units, inclusive */
            balanceMinor?: {
              min?: number;
              max?: number;
            };
            /** 0–1000; null when unscored */
            riskScore?: {
              min?: number;
              max?: number;
              nulls?: "exclude" | "include" | "only";
            };
            /** the account is in one of these segments */
            segment?: Array<string>;
            /** days since the last contact attempt of any kind; null when never contacted */
            daysSinceLastContact?: {
              min?: number;
              max?: number;
              nulls?: "exclude" | "include" | "only";
            };
            lastOutcome?: Array<"connected" | "unanswered" | "voicemail" | "busy" | "invalid_number" | "refused" | "delivered" | "bounced" | "failed" | "none">;
            promiseState?: Array<"none" | "open" | "kept" | "partly_kept" | "broken">;
            planState?: Array<"none" | "active" | "broken">;
            /** the debtor is reachable on every listed channel (usable point, no opt-out) */
            hasChannel?: Array<"sms" | "email" | "push" | "in_app" | "letter" | "call">;
            /** US: the validation notice has (true) or has not (false) been sent */
            validationNoticeSent?: boolean;
          };
          outputs: {
            action: "sms_reminder" | "push_reminder" | "in_app_message" | "email_reminder" | "robot_call" | "collector_call" | "one_to_one" | "letter" | "recommend_agency" | "recommend_legal" | "none";
            channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter" | "none";
            /** template code; required unless the channel is none */
            template?: string | null;
            /** queue priority, higher first */
            priority: number;
            /** tried in order when the channel is unusable or blocked */
            fallback?: Array<{
              channel: "sms" | "push" | "in_app" | "email" | "robot_call" | "collector_call" | "letter";
              template: string;
            }>;
            /** the row does not fire when its action was taken fewer than this many days ago */
            cadenceDays?: number;
            /** a notice the law requires: the holdout arm of an experiment still gets it */
            legallyRequired?: boolean;
          };
        }>;
      };
      /** whose accounts; defaults to the table's jurisdiction */
      jurisdiction?: "CN" | "US" | "US-MA" | "US-WA" | "US-NYC" | "UK" | "EU";
      limit?: number;
    };
    response: {
      table: {
        code: string;
        /** null for a table sent in the request */
        version: number | null;
      };
      findings: Array<{
        kind: "overlap" | "shadowed" | "gap" | "invalid";
        rowIds: Array<string>;
        field?: string;
        region?: {
          bucket: string;
          dpdMin: number;
          dpdMax: number | null;
        };
        message: {
          "zh-CN": string;
          en: string;
        };
      }>;
      accounts: number;
      decided: number;
      undecided: number;
      byAction: {
        [key: string]: number;
      };
      byChannel: {
        [key: string]: number;
      };
      byRow: {
        [key: string]: number;
      };
      samples: {
        [key: string]: Array<number>;
      };
      undecidedSample: Array<number>;
      gate: {
        checked: number;
        allowed: number;
        rescuedByFallback: number;
        blocked: number;
        blockedByRule: {
          [key: string]: number;
        };
        byChannel: {
          [key: string]: number;
        };
      } | null;
    };
  };
  "GET /api/v1/strategy/experiments": {
    path: never;
    query: {
      status?: "running" | "stopped" | "completed";
    };
    headers: never;
    body: never;
    response: {
      experiments: Array<{
        code: string;
        tableCode: string;
        championVersion: number;
        challengerVersion: number;
        holdoutBp: number;
        challengerBp: number;
        guardrails: Array<{
          id: string;
          metric: "complaintsPer10kContacts" | "optOutsPer10kContacts" | "contactsPerAccountWeekBp" | "complianceBlocksPer10kPlanned";
          ceiling?: number;
          maxRatioToChampionBp?: number;
          minSample: number;
        }>;
        status: "running" | "stopped" | "completed";
        startedOn: string;
        stoppedOn: string | null;
        stopReason: unknown;
        createdAt: string;
        createdBy: string;
      }>;
    };
  };
  "POST /api/v1/strategy/experiments": {
    path: never;
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      code: string;
      tableCode: string;
      challengerVersion: number;
      holdoutBp?: number;
      challengerBp: number;
      guardrails?: Array<{
        id: string;
        metric: "complaintsPer10kContacts" | "optOutsPer10kContacts" | "contactsPerAccountWeekBp" | "complianceBlocksPer10kPlanned";
        ceiling?: number;
        maxRatioToChampionBp?: number;
        minSample?: number;
      }>;
    };
    response: {
      code: string;
      tableCode: string;
      championVersion: number;
      challengerVersion: number;
      holdoutBp: number;
      challengerBp: number;
      guardrails: Array<{
        id: string;
        metric: "complaintsPer10kContacts" | "optOutsPer10kContacts" | "contactsPerAccountWeekBp" | "complianceBlocksPer10kPlanned";
        ceiling?: number;
        maxRatioToChampionBp?: number;
        minSample: number;
      }>;
      status: "running" | "stopped" | "completed";
      startedOn: string;
      stoppedOn: string | null;
      stopReason: unknown;
      createdAt: string;
      createdBy: string;
    };
  };
  "POST /api/v1/strategy/experiments/{code}/stop": {
    path: {
      code: string;
    };
    query: never;
    headers: {
      /** Required: a retry with the same key returns the first result */
      "idempotency-key": string;
    };
    body: {
      reason: string;
      completed?: boolean;
    };
    response: {
      code: string;
      tableCode: string;
      championVersion: number;
      challengerVersion: number;
      holdoutBp: number;
      challengerBp: number;
      guardrails: Array<{
        id: string;
        metric: "complaintsPer10kContacts" | "optOutsPer10kContacts" | "contactsPerAccountWeekBp" | "complianceBlocksPer10kPlanned";
        ceiling?: number;
        maxRatioToChampionBp?: number;
        minSample: number;
      }>;
      status: "running" | "stopped" | "completed";
      startedOn: string;
      stoppedOn: string | null;
      stopReason: unknown;
      createdAt: string;
      createdBy: string;
    };
  };
  "GET /api/v1/analytics/filters": {
    path: never;
    query: never;
    headers: never;
    body: never;
    response: {
      products: Array<string>;
      jurisdictions: Array<string>;
      agencies: Array<{
        id: string;
        name: string;
      }>;
      inHouse: string;
    };
  };
  "GET /api/v1/analytics/roll-rates": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
      /** Compare month-ends (default) or every 7th day */
      step?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      step: "month" | "week";
      dates: Array<string>;
      transitions: Array<{
        from: string;
        to: string;
      }>;
      buckets: Array<string>;
      accounts: number;
      matrix: Array<{
        bucket: string;
        total: number;
        cells: Array<{
          to: string;
          count: number;
          rate: number | null;
        }>;
        rollForward: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
        rollBack: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
        stay: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
    };
  };
  "GET /api/v1/analytics/cure-curves": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      asOf: string;
      curves: Array<{
        cohort: string;
        entered: number;
        cured: number;
        points: Array<{
          numerator: number;
          denominator: number;
          rate: number | null;
          day: number;
        }>;
      }>;
    };
  };
  "GET /api/v1/analytics/promises": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      period: "month" | "week";
      series: Array<{
        period: string;
        kept: number;
        partlyKept: number;
        broken: number;
        open: number;
        promisedMinor: number;
        paidMinor: number;
        keptRate: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
        anyPaymentRate: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
    };
  };
  "GET /api/v1/analytics/right-party-contact": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      period: "month" | "week";
      rightPartyOutcomes: Array<string>;
      byPeriod: Array<{
        period: string;
        rate: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
      byTeam: Array<{
        agency: string;
        team: string;
        rate: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
    };
  };
  "GET /api/v1/analytics/recovery/strategies": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      groups: Array<{
        key: string;
        accounts: number;
        baseMinor: number;
        recoveredMinor: number;
        rate: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
        version: number;
        experiment: string | null;
        arm: string | null;
      }>;
    };
  };
  "GET /api/v1/analytics/recovery/agencies": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      groups: Array<{
        key: string;
        accounts: number;
        baseMinor: number;
        recoveredMinor: number;
        rate: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
    };
  };
  "GET /api/v1/analytics/complaints": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      period: "month" | "week";
      byPeriod: Array<{
        period: string;
        complaints: number;
        contacts: number;
        per10k: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
      byAgency: Array<{
        agency: string;
        complaints: number;
        contacts: number;
        per10k: {
          numerator: number;
          denominator: number;
          rate: number | null;
        };
      }>;
    };
  };
  "GET /api/v1/analytics/compliance-blocks": {
    path: never;
    query: {
      /** First business date, inclusive */
      from: string;
      /** Last business date, inclusive */
      to: string;
      product?: string;
      jurisdiction?: string;
      /** An agency id, or in_house for the lender's own staff */
      agency?: string;
      /** How series are cut (default month) */
      period?: "month" | "week";
    };
    headers: never;
    body: never;
    response: {
      period: "month" | "week";
      total: number;
      byRule: Array<{
        rule: string;
        count: number;
      }>;
      byRuleAndJurisdiction: Array<{
        rule: string;
        jurisdiction: string;
        count: number;
      }>;
      byPeriod: Array<{
        period: string;
        count: number;
      }>;
    };
  };
}
