        db.assessments.updateMany(
            {},
            {
                $set: {
                    "version": 1,
                    "version_history": []
                }
            }
        )
