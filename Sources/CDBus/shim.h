#ifndef S3PLAY_CDBUS_SHIM_H
#define S3PLAY_CDBUS_SHIM_H
#include <dbus/dbus.h>
#include <stdlib.h>

// dbus-protocol.h defines its type codes and flags as cast expressions (`((int) 's')`), which
// Swift does not import; they are read through these functions instead of being retyped.
static inline int s3play_dbus_type_invalid(void) { return DBUS_TYPE_INVALID; }
static inline int s3play_dbus_type_boolean(void) { return DBUS_TYPE_BOOLEAN; }
static inline int s3play_dbus_type_byte(void) { return DBUS_TYPE_BYTE; }
static inline int s3play_dbus_type_int32(void) { return DBUS_TYPE_INT32; }
static inline int s3play_dbus_type_uint32(void) { return DBUS_TYPE_UINT32; }
static inline int s3play_dbus_type_int64(void) { return DBUS_TYPE_INT64; }
static inline int s3play_dbus_type_uint64(void) { return DBUS_TYPE_UINT64; }
static inline int s3play_dbus_type_double(void) { return DBUS_TYPE_DOUBLE; }
static inline int s3play_dbus_type_string(void) { return DBUS_TYPE_STRING; }
static inline int s3play_dbus_type_object_path(void) { return DBUS_TYPE_OBJECT_PATH; }
static inline int s3play_dbus_type_signature(void) { return DBUS_TYPE_SIGNATURE; }
static inline int s3play_dbus_type_array(void) { return DBUS_TYPE_ARRAY; }
static inline int s3play_dbus_type_variant(void) { return DBUS_TYPE_VARIANT; }
static inline int s3play_dbus_type_struct(void) { return DBUS_TYPE_STRUCT; }
static inline int s3play_dbus_type_dict_entry(void) { return DBUS_TYPE_DICT_ENTRY; }

static inline int s3play_dbus_message_type_method_call(void) { return DBUS_MESSAGE_TYPE_METHOD_CALL; }
static inline int s3play_dbus_message_type_method_return(void) { return DBUS_MESSAGE_TYPE_METHOD_RETURN; }
static inline int s3play_dbus_message_type_error(void) { return DBUS_MESSAGE_TYPE_ERROR; }

static inline unsigned int s3play_dbus_name_flag_do_not_queue(void) { return DBUS_NAME_FLAG_DO_NOT_QUEUE; }
static inline int s3play_dbus_request_name_reply_primary_owner(void) { return DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER; }

// DBusError has bit-fields and private members; it is kept on the C heap and reached through
// these, so Swift never lays it out.
static inline DBusError *s3play_dbus_error_new(void) {
    DBusError *error = malloc(sizeof(DBusError));
    if (error) dbus_error_init(error);
    return error;
}
static inline int s3play_dbus_error_is_set(const DBusError *error) { return dbus_error_is_set(error); }
static inline const char *s3play_dbus_error_name(const DBusError *error) { return error->name; }
static inline const char *s3play_dbus_error_message(const DBusError *error) { return error->message; }
static inline void s3play_dbus_error_free(DBusError *error) {
    if (!error) return;
    dbus_error_free(error);
    free(error);
}
#endif
