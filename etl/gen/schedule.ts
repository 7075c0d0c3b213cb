// The key dates of a project's life, in the order the measures put them: application (Art. 9) → acceptance for
// review, expert review, leading-group review (Art. 12–14) → tender and contract (Art. 15–16) → system registration
// and cloud requests (Art. 29, 18) → preliminary acceptance → go-live for trial operation → final acceptance
// (Art. 19, 30). Offsets are drawn in a fixed order from the project's own random stream whatever the project's
// fate, so pinning one date (a near-miss case) leaves every other draw unchanged. Dates after LAST_EVENT have not
// happened yet at the export and are left out.
import type { WorkCalendar } from "./calendar.js";
import { addDays, maxDate, ymd, type IsoDate } from "./dates.js";
import type { Rng } from "./random.js";
import { LAST_EVENT } from "./timeline.js";

export interface ScheduleOverrides {
  contractOn?: IsoDate;
  prelimOn?: IsoDate;
  finalOn?: IsoDate;
}

export interface Schedule {
  /** 受理 returned for missing materials, before the accepted resubmission (clean projects may have one). */
  returnedOn: IsoDate | null;
  acceptOn: IsoDate;
  expertOn: IsoDate;
  groupOn: IsoDate;
  tenderOn: IsoDate | null;
  contractOn: IsoDate | null;
  registeredOn: IsoDate | null;
  cloudRequestOn: IsoDate | null;
  prelimOn: IsoDate | null;
  goLiveOn: IsoDate | null;
  finalOn: IsoDate | null;
}

export interface ScheduleInput {
  projectId: string;
  applyDate: IsoDate;
  applyYear: number;
  operations: boolean;
  returnedOnce: boolean;
  overrides: ScheduleOverrides;
}

/** Keeps a date only if it has happened by the export. */
function happened(d: IsoDate | null): IsoDate | null {
  return d !== null && d <= LAST_EVENT ? d : null;
}

export function computeSchedule(input: ScheduleInput, cal: WorkCalendar, rng: Rng): Schedule {
  const r = rng.fork(`schedule:${input.projectId}`);
  // Dates past the export are dropped below; they need no working-day adjustment (and may lie beyond the calendar).
  const workdayFrom = (d: IsoDate): IsoDate => (d > LAST_EVENT ? d : cal.onOrAfter(d));
  const draw = {
    accept: r.int(2, 8),
    resubmit: r.int(10, 25),
    expert: r.int(7, 30),
    group: r.int(10, 40),
    contract: r.int(25, 150),
    omContractDay: r.int(5, 25),
    omContractLag: r.int(5, 25),
    tender: r.int(18, 40),
    register: r.int(-10, 15),
    cloud: r.int(3, 40),
    build: r.int(100, 330),
    goLive: r.int(3, 20),
    trial: r.int(90, 210),
  };
  const first = cal.addWorkdays(input.applyDate, draw.accept);
  const returnedOn = input.returnedOnce ? first : null;
  const acceptOn = input.returnedOnce ? workdayFrom(addDays(first, draw.resubmit)) : first;
  const expertOn = workdayFrom(addDays(acceptOn, draw.expert));
  const groupOn = workdayFrom(addDays(expertOn, draw.group));

  let contractOn: IsoDate;
  if (input.overrides.contractOn) contractOn = input.overrides.contractOn;
  else if (input.operations) {
    // O&M service contracts start with the service year (the budget year applied for).
    contractOn = workdayFrom(maxDate(addDays(groupOn, draw.omContractLag), ymd(input.applyYear, 1, draw.omContractDay)));
  } else {
    // Signed in the budget year, once its budget is approved (the people's congress meets in January–February).
    contractOn = workdayFrom(maxDate(addDays(groupOn, draw.contract), addDays(ymd(input.applyYear, 3, 1), draw.contract % 45)));
  }
  let tenderOn = workdayFrom(addDays(contractOn, -draw.tender));
  if (tenderOn <= groupOn) tenderOn = cal.nextWorkday(groupOn);
  if (tenderOn >= contractOn) tenderOn = cal.previousWorkday(contractOn);

  if (input.operations) {
    return {
      returnedOn, acceptOn, expertOn, groupOn,
      tenderOn: happened(tenderOn), contractOn: happened(contractOn),
      registeredOn: null, cloudRequestOn: null, prelimOn: null, goLiveOn: null, finalOn: null,
    };
  }
  // Registration on the public data platform comes before any cloud request (Art. 29), after approval.
  const registeredOn = workdayFrom(maxDate(addDays(contractOn, draw.register), addDays(groupOn, 1)));
  const cloudRequestOn = workdayFrom(addDays(registeredOn, draw.cloud));
  const prelimOn = input.overrides.prelimOn ?? workdayFrom(addDays(contractOn, draw.build));
  const goLiveOn = addDays(prelimOn, draw.goLive);
  const finalOn = input.overrides.finalOn ?? workdayFrom(addDays(goLiveOn, draw.trial));
  return {
    returnedOn, acceptOn, expertOn, groupOn,
    tenderOn: happened(tenderOn),
    contractOn: happened(contractOn),
    registeredOn: happened(registeredOn),
    cloudRequestOn: happened(cloudRequestOn),
    prelimOn: happened(prelimOn),
    goLiveOn: happened(prelimOn) ? happened(goLiveOn) : null,
    finalOn: happened(goLiveOn) ? happened(finalOn) : null,
  };
}
