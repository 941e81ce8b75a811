import tensorflow as tf

model = tf.keras.applications.ResNet50(weights=None, classes=10)
opt = tf.keras.optimizers.SGD(0.1)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(y, model(x, training=True), from_logits=True))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return loss


@tf.function
def test_step(x, y):
    preds = model(x, training=True)  # expect: BN203
    return tf.reduce_mean(tf.keras.metrics.sparse_categorical_accuracy(y, preds))


@tf.function
def eval_step(x):
    return model(x, training=False)
