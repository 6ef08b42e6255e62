        db.assessments.updateMany(
            {},
            {
                $unset: {
                    "version": "",
                    "version_history": ""
                }
            }
        )
