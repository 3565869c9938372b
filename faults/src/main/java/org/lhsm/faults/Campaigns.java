package org.lhsm.faults;

import java.util.ArrayList;
import java.util.List;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.corrupt.CorruptArchiveCampaign;
import org.lhsm.faults.diskfull.DiskFullCampaign;
import org.lhsm.faults.fuzz.FuzzCampaign;
import org.lhsm.faults.hostile.HostileCampaign;
import org.lhsm.faults.kill.CoordinatorKillCampaign;
import org.lhsm.faults.kill.CopytoolKillCampaign;
import org.lhsm.faults.perms.PermissionsCampaign;
import picocli.CommandLine;

/** Every campaign, in the order {@code all} runs them. */
final class Campaigns {
  static final List<Campaign> ALL =
      List.of(
          new CopytoolKillCampaign(),
          new CoordinatorKillCampaign(),
          new DiskFullCampaign(),
          new CorruptArchiveCampaign(),
          new HostileCampaign(),
          new PermissionsCampaign(),
          new FuzzCampaign());

  static final String NAMES =
      "copytool-kill, coordinator-kill, disk-full, corrupt, hostile, permissions, fuzz";

  private Campaigns() {}

  static List<Campaign> select(List<String> names) {
    List<Campaign> out = new ArrayList<>();
    for (String n : names) {
      if (n.equals("all")) {
        out.addAll(ALL);
        continue;
      }
      Campaign c = ALL.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
      if (c == null) {
        throw new CommandLine.ParameterException(
            new CommandLine(new FaultsMain()), "unknown campaign '" + n + "' (all, " + NAMES + ")");
      }
      out.add(c);
    }
    return out;
  }
}
