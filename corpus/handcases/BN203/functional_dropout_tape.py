import tensorflow as tf

inputs = tf.keras.Input(shape=(20,))
h = tf.keras.layers.Dense(64, activation="relu")(inputs)
h = tf.keras.layers.Dropout(0.3)(h)
outputs = tf.keras.layers.Dense(1)(h)
net = tf.keras.Model(inputs, outputs)
opt = tf.keras.optimizers.Adam()


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(x) - y))  # expect: BN203
    grads = tape.gradient(loss, net.trainable_variables)
    opt.apply_gradients(zip(grads, net.trainable_variables))
    return loss
