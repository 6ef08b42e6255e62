namespace Ferry.Demo.Generation;

/// <summary>Counts what a <see cref="DefectPlan"/> plants, by walking the indexes (no documents are built).</summary>
internal static class DefectCounter
{
    public static PlantedDefects Count(DefectPlan plan, long reportCount, long workflowStateCount)
    {
        long upper = 0, duplicates = 0, groups = 0, usersMissingName = 0, usersInFuture = 0;
        long exampleDomain = 0, demoFlag = 0, demoUsers = 0;
        for (long i = 0; i < plan.UserCount; i++)
        {
            switch (plan.UserDefectOf(i))
            {
                case UserDefect.UpperCaseEmail: upper++; break;
                case UserDefect.MissingName: usersMissingName++; break;
                case UserDefect.CreatedInFuture: usersInFuture++; break;
                case UserDefect.DuplicateEmail:
                    duplicates++;

                    // Each group has exactly one member copying its immediate predecessor.
                    if (plan.DuplicateSourceOf(i) == i - 1)
                    {
                        groups++;
                    }

                    break;
            }

            var markers = plan.DemoMarkersOf(i);
            exampleDomain += markers.HasFlag(DemoMarkers.ExampleDomain) ? 1 : 0;
            demoFlag += markers.HasFlag(DemoMarkers.DemoFlag) ? 1 : 0;
            demoUsers += markers != DemoMarkers.None ? 1 : 0;
        }

        long orphanedAssessments = 0, assessmentsMissingName = 0, emptyBusiness = 0, invalidStatus = 0, assessmentsInFuture = 0;
        for (long a = 0; a < plan.AssessmentCount; a++)
        {
            switch (plan.AssessmentDefectOf(a))
            {
                case AssessmentDefect.OrphanedUser: orphanedAssessments++; break;
                case AssessmentDefect.MissingName: assessmentsMissingName++; break;
                case AssessmentDefect.EmptyBusinessRequirements: emptyBusiness++; break;
                case AssessmentDefect.InvalidStatus: invalidStatus++; break;
                case AssessmentDefect.CreatedInFuture: assessmentsInFuture++; break;
            }
        }

        long orphanedReports = 0, orphanedStates = 0;
        for (long r = 0; r < reportCount; r++)
        {
            orphanedReports += plan.IsOrphanedReport(r) ? 1 : 0;
        }

        for (long w = 0; w < workflowStateCount; w++)
        {
            orphanedStates += plan.IsOrphanedWorkflowState(w) ? 1 : 0;
        }

        return new PlantedDefects
        {
            UpperCaseEmails = upper,
            DuplicateEmailGroups = groups,
            DuplicateEmailExtraDocuments = duplicates,
            UsersMissingName = usersMissingName,
            AssessmentsMissingName = assessmentsMissingName,
            EmptyBusinessRequirements = emptyBusiness,
            InvalidStatuses = invalidStatus,
            UsersCreatedInFuture = usersInFuture,
            AssessmentsCreatedInFuture = assessmentsInFuture,
            OrphanedAssessments = orphanedAssessments,
            OrphanedReports = orphanedReports,
            OrphanedWorkflowStates = orphanedStates,
            ExampleDomainUsers = exampleDomain,
            DemoFlaggedUsers = demoFlag,
            DemoUsers = demoUsers,
        };
    }
}
