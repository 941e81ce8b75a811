import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense(32, use_bias=False),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.ReLU(),
    tf.keras.layers.Dense(1),
])
opt = tf.keras.optimizers.Adam()


def run_step(x, y, training=True):
    with tf.GradientTape() as tape:
        pred = model(x, training=training)
        loss = tf.reduce_mean(tf.square(pred - y))
    if training:
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
    return loss
