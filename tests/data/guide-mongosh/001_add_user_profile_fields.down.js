        db.users.updateMany(
            {},
            {
                $unset: {
                    "profile.timezone": "",
                    "profile.language": "",
                    "profile.notifications": ""
                }
            }
        )
